import os
import subprocess
import sys

import pytest

from eenplan.settings import envfile


def test_env_file_lines_parse_like_a_systemd_environment_file():
    text = "# comment\n\nSECRET_KEY='abc=def'\nexport DEBUG=0\nALLOWED_HOSTS=\"a.nl,b.nl\"\n"
    assert envfile.parse_env_file(text) == {"SECRET_KEY": "abc=def", "DEBUG": "0", "ALLOWED_HOSTS": "a.nl,b.nl"}


def test_a_malformed_line_names_its_line_number():
    with pytest.raises(ValueError, match="line 2"):
        envfile.parse_env_file("A=1\nnot a setting\n")


def test_manage_py_and_wsgi_choose_the_same_settings_from_the_env_file(tmp_path):
    """With an env file both default to production settings; the environment still wins over the file."""
    env_file = tmp_path / "eenplan.env"
    env_file.write_text("SECRET_KEY=" + "x" * 60 + "\nDATABASE_URL=sqlite:///:memory:\nLOG_LEVEL=ERROR\n")
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    env.update(EENPLAN_ENV_FILE=str(env_file), LOG_LEVEL="CRITICAL")
    probe = (
        "import os, sys; sys.argv = ['manage.py', 'shell', '-c', "
        "\"from django.conf import settings; import os; print(os.environ['DJANGO_SETTINGS_MODULE'], settings.DEBUG, os.environ['LOG_LEVEL'])\"]; "
        "exec(open('manage.py').read())"
    )
    manage = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    wsgi = subprocess.run(
        [sys.executable, "-c", "import eenplan.wsgi, os; from django.conf import settings; print(os.environ['DJANGO_SETTINGS_MODULE'], settings.DEBUG, os.environ['LOG_LEVEL'])"],
        env=env, capture_output=True, text=True, check=True,
    )
    assert manage.stdout.splitlines()[-1].split() == wsgi.stdout.split() == ["eenplan.settings.production", "False", "CRITICAL"]
