"""Quality checks of the edition: the contributors' linter (lint/) and the checks of the builds behind `make check`."""
