"""Installs the Debian packages a command needs (Chromium, poppler) when they are missing, as root, or says how."""

import os
import shutil
import subprocess
import sys


def ensure(executable: str, packages: list[str], purpose: str, who: str) -> bool:
    """True when `executable` is there, installing `packages` with apt-get first if it is not (needs root)."""
    if shutil.which(executable) or os.path.exists(executable):
        return True
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print(f"{who}: {executable} is missing; install it with `apt-get install {' '.join(packages)}` "
              f"(needs root). {purpose}", file=sys.stderr)
        return False
    print(f"{who}: installing Debian's {', '.join(packages)} …", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            print(f"{who}: `{' '.join(command)}` failed with exit code {done.returncode}", file=sys.stderr)
            return False
    return bool(shutil.which(executable) or os.path.exists(executable))
