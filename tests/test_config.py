"""Settings: flags over variables over defaults, and every limit documented in the README."""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


@pytest.mark.parametrize(
    ("cpu_max", "memory_max", "workers"),
    [
        ("max 100000", "max", 2),  # no quota: the CPUs the process may run on (2 here, by affinity)
        ("150000 100000", "max", 2),  # 1.5 CPUs of quota: 2 workers share them
        ("50000 100000", "max", 1),
        ("max 100000", str(1024 * 2**20), 2),  # 1 GiB: (1024 - 256) // 384 = 2 workers fit
        ("max 100000", str(700 * 2**20), 1),  # 700 MiB holds one worker beside the front
        ("max 100000", str(100 * 2**20), 1),  # never fewer than one
    ],
)
def test_config_default_workers_follow_the_cgroup_limits(tmp_path, monkeypatch, cpu_max, memory_max, workers):
    monkeypatch.setattr(config.os, "sched_getaffinity", lambda pid: {0, 1})
    (tmp_path / "cpu.max").write_text(cpu_max + "\n")
    (tmp_path / "memory.max").write_text(memory_max + "\n")
    assert config.default_workers(tmp_path) == workers


def test_config_default_workers_follow_the_cpu_affinity():
    script = (
        "import os; os.sched_setaffinity(0, {0}); from newsx.service import config; print(config.Settings().workers)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "1"  # as under `taskset -c 0`


DEPLOY = Path(__file__).parents[1] / "deploy"


def test_config_container_derives_workers_and_exits_before_it_is_killed():
    [deployment] = yaml.safe_load_all((DEPLOY / "k8s" / "deployment.yaml").read_text())
    pod = deployment["spec"]["template"]["spec"]
    [container] = pod["containers"]
    env = {item["name"]: item for item in container["env"]}
    assert env["NEWSX_WORKERS"]["valueFrom"]["resourceFieldRef"] == {
        "containerName": container["name"],
        "resource": "requests.cpu",
        "divisor": "1",
    }
    # the server exits within the grace period and about a second: well before Kubernetes' SIGKILL
    assert float(env["NEWSX_GRACE_SECONDS"]["value"]) + 2 < pod["terminationGracePeriodSeconds"]
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert "NEWSX_WORKERS=" not in dockerfile  # derived from the container's cgroup limits (default_workers)
    grace = float(dockerfile.split("NEWSX_GRACE_SECONDS=")[1].split()[0])
    assert grace + 2 <= 10  # docker stop's default timeout
