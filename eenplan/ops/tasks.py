"""The scheduled jobs as procrastinate tasks (production: PostgreSQL). Autodiscovered by
procrastinate.contrib.django; run by `python manage.py procrastinate worker` (deploy/systemd).

Each job is a periodic task (cron in Europe/Amsterdam) with retries; every attempt is a `JobRun`.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from .jobs import registered_jobs, run_job

RETRY = RetryStrategy(max_attempts=3, wait=300)  # 3 more tries, 5 minutes apart
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _register(name: str, cron: str):
    @app.periodic(cron=cron, periodic_id=name)
    @app.task(name=f"eenplan.jobs.{name}", queue="jobs", retry=RETRY, pass_context=True, queueing_lock=name)
    def task(context, timestamp: int):
        on = datetime.fromtimestamp(timestamp, tz=AMSTERDAM).date()
        run_job(name, trigger="schedule", on=on, attempt=context.job.attempts + 1)

    task.__name__ = name
    return task


TASKS = {name: _register(name, job.cron) for name, job in registered_jobs().items()}
