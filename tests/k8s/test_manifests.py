"""k8s/: renders with `kubectl kustomize`, validates against the Kubernetes schemas offline,
and keeps the promises the component relies on (names, allowed hosts, non-root, probes)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from autotrainer_keras.kfp import platform
from autotrainer_keras.kfp.interface import DEFAULT_IMAGE

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "k8s"
KUBERNETES_VERSION = "1.32.0"
KUBECTL = shutil.which("kubectl") or shutil.which("kubectl", path=str(Path.home() / ".local/bin"))
needs_kubectl = pytest.mark.skipif(
    KUBECTL is None, reason="kubectl is not installed (scripts/install-test-tools.sh installs it)"
)


def _render(directory: Path) -> list[dict]:
    done = subprocess.run(
        [str(KUBECTL), "kustomize", str(directory)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc]


def _validate(documents: list[dict], tmp_path: Path) -> None:
    path = tmp_path / "rendered.yaml"
    path.write_text(yaml.safe_dump_all(documents))
    done = subprocess.run(
        [str(Path(sys.executable).parent / "kubernetes-validate"), "--strict",
         "-k", KUBERNETES_VERSION, str(path)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("passed") == len(documents)


def _one(documents: list[dict], kind: str, name: str) -> dict:
    found = [d for d in documents if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}"
    return found[0]


@pytest.fixture(scope="module")
def rendered() -> list[dict]:
    if KUBECTL is None:
        pytest.skip("kubectl is not installed (scripts/install-test-tools.sh installs it)")
    return _render(K8S)


@needs_kubectl
def test_every_kustomization_renders_and_validates(tmp_path, rendered):
    _validate(rendered, tmp_path)
    _validate(_render(K8S / "smoke"), tmp_path)
    assert {d["kind"] for d in rendered} == {
        "Namespace", "PersistentVolumeClaim", "Deployment", "Service", "ConfigMap"
    }  # fmt: skip


def _server(rendered: list[dict]) -> tuple[dict, dict]:
    deployment = _one(rendered, "Deployment", "mlflow")
    return deployment, deployment["spec"]["template"]["spec"]["containers"][0]


def _flag(container: dict, name: str) -> str:
    values = [a.split("=", 1)[1] for a in container["args"] if a.startswith(f"--{name}=")]
    assert len(values) == 1, name
    return values[0]


@needs_kubectl
def test_the_tracking_uri_of_the_configmap_names_the_service_the_server_allows(rendered):
    config_map = _one(rendered, "ConfigMap", platform.MLFLOW_CONFIG_MAP)
    uri = config_map["data"][platform.TRACKING_URI_ENV]
    service = _one(rendered, "Service", "mlflow")
    namespace = service["metadata"]["namespace"]
    port = service["spec"]["ports"][0]["port"]
    host = f"{service['metadata']['name']}.{namespace}.svc.cluster.local"
    assert uri == f"http://{host}:{port}"
    _, container = _server(rendered)
    allowed = _flag(container, "allowed-hosts").split(",")
    assert f"{host}:*" in allowed and "mlflow:*" in allowed and "localhost" in allowed
    assert _flag(container, "port") == str(port)
    assert _flag(container, "workers") == "1"  # sqlite: one writer process
    assert _flag(container, "backend-store-uri").startswith("sqlite:////mlflow/")
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    deployment, _ = _server(rendered)
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    claim = volumes[mounts["/mlflow"]]["persistentVolumeClaim"]["claimName"]
    _one(rendered, "PersistentVolumeClaim", claim)


@needs_kubectl
def test_the_server_runs_non_root_with_limits_and_probes_that_pass_host_checks(rendered):
    deployment, container = _server(rendered)
    pod = deployment["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] != 0
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["resources"]["limits"]["memory"] and container["resources"]["limits"]["cpu"]
    assert container["resources"]["requests"]["memory"]
    allowed = _flag(container, "allowed-hosts").split(",")
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        check = container[probe]["httpGet"]
        assert check["path"] == "/health"
        hosts = [h["value"] for h in check.get("httpHeaders", []) if h["name"] == "Host"]
        assert hosts and hosts[0] in allowed  # the pod IP is not an allowed host
    assert deployment["spec"]["strategy"]["type"] == "Recreate"  # RWO volume
    assert deployment["spec"]["replicas"] == 1


@needs_kubectl
def test_the_smoke_job_uses_the_image_the_pipelines_are_compiled_with():
    job = _one(_render(K8S / "smoke"), "Job", "autotrainer-smoke")
    pod = job["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["image"] == DEFAULT_IMAGE
    assert pod["securityContext"]["runAsNonRoot"] is True
    refs = [e["configMapRef"]["name"] for e in container["envFrom"]]
    assert refs == [platform.MLFLOW_CONFIG_MAP]
    component = _render(K8S / "component")
    assert (
        _one(component, "ConfigMap", platform.MLFLOW_CONFIG_MAP)["metadata"]["namespace"]
        == (job["metadata"]["namespace"])
    )


PRODUCTION = K8S / "overlays" / "production"


@pytest.fixture(scope="module")
def production() -> list[dict]:
    if KUBECTL is None:
        pytest.skip("kubectl is not installed (scripts/install-test-tools.sh installs it)")
    return _render(PRODUCTION)


def _pods(documents: list[dict]) -> list[tuple[str, dict]]:
    """(name, pod spec) of every workload, CronJob pods included."""
    pods = []
    for doc in documents:
        spec = doc.get("spec", {})
        if doc["kind"] == "CronJob":
            spec = spec["jobTemplate"]["spec"]
        if "template" in spec:
            pods.append((doc["metadata"]["name"], spec["template"]["spec"]))
    return pods


@needs_kubectl
def test_production_overlay_validates_and_replaces_sqlite_by_postgres_and_s3(tmp_path, production):
    _validate(production, tmp_path)
    deployment, container = _server(production)
    assert _flag(container, "backend-store-uri").startswith("postgresql://")
    assert "@mlflow-postgres:5432/" in _flag(container, "backend-store-uri")
    assert _flag(container, "artifacts-destination") == "s3://mlflow-artifacts"
    env = {e["name"]: e for e in container["env"]}
    assert env["MLFLOW_S3_ENDPOINT_URL"]["value"].startswith("http://mlflow-minio:")
    for key in ("POSTGRES_PASSWORD", "AWS_SECRET_ACCESS_KEY"):  # from the Secret, never literal
        assert env[key]["valueFrom"]["secretKeyRef"]["name"] == "mlflow-production"
    assert deployment["spec"]["replicas"] == 2 and int(_flag(container, "workers")) > 1
    assert not [m for m in container["volumeMounts"] if m["mountPath"] == "/mlflow"]
    assert not [d for d in production if d["kind"] == "PersistentVolumeClaim"
                and d["metadata"]["name"] == "mlflow-data"]  # fmt: skip
    _one(production, "StatefulSet", "mlflow-postgres")
    _one(production, "StatefulSet", "mlflow-minio")
    _one(production, "CronJob", "mlflow-backup")
    assert container["image"] != "ghcr.io/mlflow/mlflow:v3.17.2"  # the image with the drivers


@needs_kubectl
def test_production_ingress_host_is_allowed_and_behind_authentication(production):
    ingress = _one(production, "Ingress", "mlflow")
    host = ingress["spec"]["rules"][0]["host"]
    _, container = _server(production)
    assert host in _flag(container, "allowed-hosts").split(",")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/auth-type"] == "basic"
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == _one(production, "Service", "mlflow")["metadata"]["name"]


@needs_kubectl
def test_production_workloads_run_non_root_with_limits_and_stores_are_fenced(production):
    for name, pod in _pods(production):
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        for container in pod["containers"]:
            assert container["resources"]["limits"]["memory"], name
            assert container["securityContext"]["allowPrivilegeEscalation"] is False, name
    fenced = {
        d["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/name"]
        for d in production
        if d["kind"] == "NetworkPolicy"
    }
    assert {"mlflow-postgres", "mlflow-minio", "mlflow"} <= fenced
    assert not [d for d in production if d["kind"] == "Secret"]  # created by the operator
    for name, pod in _pods(production):
        for container in pod["containers"]:
            for item in container.get("env", []):
                if any(word in item["name"] for word in ("PASSWORD", "SECRET")):
                    assert "secretKeyRef" in item.get("valueFrom", {}), (name, item["name"])


def test_production_server_image_dockerfile_is_lint_clean():
    hadolint = Path(sys.executable).parent / "hadolint"
    if not hadolint.exists():
        pytest.skip("hadolint is not installed (it is in the dev extra)")
    done = subprocess.run(
        [str(hadolint), str(PRODUCTION / "mlflow-server.Dockerfile")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


@needs_kubectl
def test_every_setting_of_the_configmap_reaches_the_tasks(rendered):
    config_map = _one(rendered, "ConfigMap", platform.MLFLOW_CONFIG_MAP)
    assert set(config_map["data"]) == set(platform.CONFIG_MAP_ENV)
