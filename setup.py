"""Packaging for the parts that follow the folder layout.

The repository keeps the host in ``facilitator/``, its templates in ``templates/``, its
scenarios in ``scenarios/`` and each built-in work form in ``plugins/<name>/``. Installed, they
become ``facilitator``, ``facilitator.templates``, ``facilitator.builtin_scenarios`` and
``facilitator_<name>``; every plugin folder is announced in the ``facilitator`` entry-point
group, the same door a third-party plugin package comes in by.
"""

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).parent
PLUGIN_FILES = ["templates/**/*", "static/**/*", "translations/**/*", "*.yaml", "methods/*.yaml"]

plugins = sorted(
    p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file()
)

packages = find_packages(include=["facilitator", "facilitator.*"])
package_dir = {"facilitator": "facilitator"}
package_data = {
    "facilitator": ["static/**/*", "translations/**/*", "migrations/*.ini",
                    "migrations/*.mako", "exports/translations/**/*",
                    "teamplan/translations/**/*", "teamplan/static/**/*",
                    "library/translations/**/*"],
    "facilitator.templates": ["**/*.html", "**/*.txt"],
    "facilitator.builtin_scenarios": ["*.yaml", "**/*"],
}
packages += ["facilitator.templates", "facilitator.builtin_scenarios"]
package_dir["facilitator.templates"] = "templates"
package_dir["facilitator.builtin_scenarios"] = "scenarios"
entry_points = []
for name in plugins:
    package = f"facilitator_{name}"
    packages.append(package)
    package_dir[package] = f"plugins/{name}"
    package_data[package] = PLUGIN_FILES
    for sub in find_packages(where=f"plugins/{name}"):  # e.g. facilitator_dilemma.steps
        packages.append(f"{package}.{sub}")
        package_dir[f"{package}.{sub}"] = f"plugins/{name}/{sub.replace('.', '/')}"
    entry_points.append(f"{name} = {package}")

setup(
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
    entry_points={
        "console_scripts": ["facilitator = facilitator.cli:main"],
        "facilitator": entry_points,
        "pytest11": ["facilitator = facilitator.pytest_plugin"],  # fixtures for plugin authors
    },
)
