"""Settings: flags over variables over defaults, and every limit documented in the README."""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

import pytest

from newsx.service import config

README = Path(__file__).parents[1] / "README.md"


def test_config_flag_beats_variable_beats_default():
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    args = parser.parse_args(["--batch-size", "4", "--log-article-text", "yes"])
    environ = {"NEWSX_BATCH_SIZE": "8", "NEWSX_MAX_QUEUED_ARTICLES": "3", "NEWSX_LOG_ARTICLE_TEXT": "false"}
    settings = config.Settings.from_env(
        environ, **{f.name: getattr(args, f.name) for f in dataclasses.fields(config.Settings)}
    )
    assert settings.batch_size == 4  # flag
    assert settings.max_queued_articles == 3  # variable
    assert settings.max_call_seconds == 60.0  # default
    assert settings.log_article_text is True


@pytest.mark.parametrize("raw", ["maybe", "2"])
def test_config_bad_boolean_variable_is_refused(raw):
    with pytest.raises(ValueError):
        config.Settings.from_env({"NEWSX_LOG_ARTICLE_TEXT": raw})


def test_config_bare_boolean_flag_means_true():
    parser = argparse.ArgumentParser()
    config.add_arguments(parser)
    assert config.from_arguments(parser.parse_args(["--log-article-text"])).log_article_text is True


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"NEWSX_LOG_LEVEL": "LOUD"}, "log_level"),
        ({"NEWSX_LOG_FORMAT": "xml"}, "log_format"),
        ({"NEWSX_WORKERS": "0"}, "workers"),
        ({"NEWSX_MAX_QUEUED_ARTICLES": "-1"}, "max_queued_articles"),
        ({"NEWSX_TLS_CERT_FILE": "server.pem"}, "tls_key_file"),  # a certificate without its key
        ({"NEWSX_TLS_CLIENT_CA_FILE": "ca.pem"}, "tls_client_ca_file"),
    ],
)
def test_config_setting_that_cannot_work_is_refused_by_name(environ, named):
    with pytest.raises(ValueError, match=named):
        config.Settings.from_env(environ)


def test_config_every_setting_is_in_the_readme_table():
    readme = README.read_text()
    for spec in dataclasses.fields(config.Settings):
        flag, variable = "--" + spec.name.replace("_", "-"), "NEWSX_" + spec.name.upper()
        assert f"| `{flag}` | `{variable}` |" in readme, f"{flag} is not documented in README.md"
