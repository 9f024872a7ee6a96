"""compose.yaml and `make cluster` (deploy/cluster.py) share one description: the
replicas' env file, their count and the proxy's nginx.conf, which the process cluster
serves with its upstreams and port filled in."""

from pathlib import Path

import pytest
import yaml

from deploy.cluster import ClusterError, read_env_file, read_shape, render_nginx
from tests.support import ROOT

COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
NGINX_CONF = (ROOT / "deploy" / "nginx.conf").read_text()


def test_compose_describes_the_replicas_with_the_shared_files() -> None:
    api = COMPOSE["services"]["api"]
    assert api["env_file"] == "deploy/cluster.env"
    assert api["environment"] == {"DATABASE_URL": "postgresql://postgres:circle@db:5432/circle"}
    assert api["deploy"]["replicas"] == 3
    assert COMPOSE["services"]["proxy"]["volumes"] == [
        "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro",
        "proxycache:/var/cache/circle-proxy",
    ]


def test_compose_seed_job_empties_the_proxy_cache_nginx_keeps() -> None:
    seed = COMPOSE["services"]["seed"]
    assert seed["command"] == ["circle", "seed", "--proxy-cache", "/var/cache/circle-proxy"]
    assert seed["volumes"] == ["proxycache:/var/cache/circle-proxy"]
    assert "proxy_cache_path /var/cache/circle-proxy " in NGINX_CONF
    assert "proxycache" in COMPOSE["volumes"]


def test_the_process_cluster_reads_the_same_shape() -> None:
    shape = read_shape()
    assert shape.replicas == COMPOSE["services"]["api"]["deploy"]["replicas"]
    assert shape.env_files == ((ROOT / "deploy" / "cluster.env").resolve(),)
    assert shape.env == {"CIRCLE_WORKERS": "2"}
    assert shape.env == read_env_file(ROOT / "deploy" / "cluster.env")
    assert shape.nginx_conf == (ROOT / "deploy" / "nginx.conf").resolve()
    assert shape.database == COMPOSE["services"]["db"]["environment"]["POSTGRES_DB"] == "circle"


def test_nginx_conf_is_served_with_the_replicas_ports() -> None:
    run, logs = Path("/run/c"), Path("/logs")
    rendered = render_nginx(NGINX_CONF, [4101, 4102, 4103], 4100, run, logs)
    expected = (
        NGINX_CONF.replace(
            "        server api:8000 max_fails=1 fail_timeout=5s;\n",
            "".join(
                f"        server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n"
                for port in (4101, 4102, 4103)
            ),
        )
        .replace("        listen 8000;\n", "        listen 127.0.0.1:4100;\n")
        .replace("cache_path /var/cache/circle-proxy ", "cache_path /run/c/proxy-cache ")
        .replace("access_log /var/log/nginx/access.log ", "access_log /logs/nginx-access.log ")
        .replace(
            "\nhttp {\n",
            "\nhttp {\n"
            "    client_body_temp_path /run/c/nginx-body;\n"
            "    proxy_temp_path /run/c/nginx-proxy;\n",
        )
    )
    assert rendered == expected
    assert rendered != NGINX_CONF


def test_an_nginx_conf_without_the_upstream_line_is_refused() -> None:
    changed = NGINX_CONF.replace("server api:8000", "server backend:8000")
    with pytest.raises(ClusterError, match="server api:8000"):
        render_nginx(changed, [4101], 4100, Path("/run"), Path("/logs"))


def test_an_env_file_line_without_a_value_is_refused(tmp_path: Path) -> None:
    env = tmp_path / "cluster.env"
    env.write_text("# comment\n\nCIRCLE_WORKERS=2\nCIRCLE_ACCESS_LOG\n")
    with pytest.raises(ClusterError) as refused:
        read_env_file(env)
    assert str(refused.value) == f"{env}:4: expected KEY=VALUE, got 'CIRCLE_ACCESS_LOG'"
