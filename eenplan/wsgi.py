from django.core.wsgi import get_wsgi_application

from eenplan.settings.envfile import configure

# Same settings rule as manage.py: the environment file (EENPLAN_ENV_FILE or /etc/eenplan/eenplan.env)
# is read first; with it the default is the production settings, without it the development settings.
configure()
application = get_wsgi_application()
