"""gunicorn configuration for eenplan (docs/operations.md, docs/adr/0084-gunicorn-behind-nginx.md).

Run: gunicorn -c deploy/gunicorn.conf.py
Every value can be changed through the environment (the systemd unit reads /etc/eenplan/eenplan.env).
"""

import multiprocessing
import os
import sys
from pathlib import Path

# The same environment file as manage.py and the app (EENPLAN_ENV_FILE or /etc/eenplan/eenplan.env), read
# here already so that GUNICORN_* set in it apply too.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from eenplan.settings.envfile import load_env_file  # noqa: E402

load_env_file()

wsgi_app = "eenplan.wsgi:application"
# nginx proxies to this address; never expose gunicorn directly.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
worker_class = "sync"
# PDF plans (WeasyPrint) and Excel exports can take a while on large cases.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Import the app once in the master and fork the workers from it: a recycled worker then starts in milliseconds
# instead of spending ~1.7 s of CPU importing Django and eenplan again (the app opens no connection at import, so
# none is shared across the fork). New code needs a restart of the service, not a HUP (docs/operations.md).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
# Recycle workers now and then so a slow leak never grows unbounded; not so often that restarts cost throughput
# (the soak test, bench/soak.py, runs with recycling off and shows memory flat).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = 1000
# gunicorn's run-time control socket is not used (and its default lives in the home directory).
control_socket_disable = True
# Trust X-Forwarded-* only from the local nginx.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips

# The HTTP access log (one line per request) is separate from the application log: it goes to its own
# file (or "-" for stdout); the application's JSON log goes to stderr (the journal). Neither contains
# eenplan's NEN 7513 access log, which is kept in the database (/beheer/toegangslog/).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# No query strings in the access log: search terms may be personal data.
access_log_format = '%(h)s - - %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms rid=%({x-request-id}o)s'
