from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("casussen/<int:pk>/plan/", views.case, name="case"),
    path("casussen/<int:pk>/plan/probleem/", views.problem_add, name="problem_add"),
    path("casussen/<int:pk>/plan/probleem/<uuid:key>/verwijderen/", views.problem_remove, name="problem_remove"),
    path("casussen/<int:pk>/plan/prioriteiten/", views.priorities, name="priorities"),
    path("casussen/<int:pk>/plan/instemming/", views.agreement, name="agreement"),
    path("casussen/<int:pk>/plan/regie/", views.regie, name="regie"),
    path("casussen/<int:pk>/plan/doel/", views.goal_add, name="goal_add"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/", views.goal_edit, name="goal"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/verwijderen/", views.goal_remove, name="goal_remove"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/actie/", views.action_add, name="action_add"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/actie/<uuid:action_key>/", views.action_edit, name="action_edit"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/actie/<uuid:action_key>/verwijderen/", views.action_remove, name="action_remove"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/oplossing/", views.solution_add, name="solution_add"),
    path("casussen/<int:pk>/plan/doel/<uuid:key>/oplossing/<uuid:solution_key>/verwijderen/", views.solution_remove, name="solution_remove"),
    path("casussen/<int:pk>/plan/actie/<uuid:action_key>/uitkomst/", views.action_outcome, name="action_outcome"),
    path("casussen/<int:pk>/plan/sociale-kaart/", views.provision_search, name="provision_search"),
    path("casussen/<int:pk>/plan/versies/", views.versions, name="versions"),
    path("casussen/<int:pk>/plan/versies/<int:number>/", views.version_detail, name="version"),
    path("casussen/<int:pk>/plan/pdf/", views.pdf, name="pdf"),
]
