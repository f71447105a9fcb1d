"""Command `browser-setup`: make sure Debian's Chromium is installed for the browser tests."""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str]) -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if not shutil.which("apt-get") or os.geteuid() != 0:
        print(f"browser-setup: {CHROMIUM} is missing; install it with `apt-get install chromium` "
              "(needs root). The browser tests cannot run without it.", file=sys.stderr)
        return 1
    print("browser-setup: installing Debian's chromium for the browser tests …", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"]):
        done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)
        if done.returncode != 0:
            print(f"browser-setup: `{' '.join(command)}` failed with exit code {done.returncode}",
                  file=sys.stderr)
            return done.returncode
    return 0
