"""Writing files safely: a temporary file beside the target, renamed into place only when complete."""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zlib
from pathlib import Path


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb", **kwargs):
    """Open a temporary file beside `path`; on success fsync and rename it to `path`, on error remove it.

    An interrupted write never leaves a half file under the final name; the file gets the mode a plain
    ``open`` would give (0o666 less the umask), not mkstemp's 0o600.

    The temporary file is ``.<name>.<tag>-<pid>.<random>.tmp``: the writer's process id and a tag of the
    machine and pid namespace it runs in (`_owner_tag`). A writer that is SIGKILLed (or loses power) cannot
    remove its file, so each write first sweeps the stale temporary files *of the same target*
    (`sweep_stale_temp_files`). The rule never removes the file of a writer still running: a file is removed
    only when its tag is this machine's and pid namespace's and no process with its pid exists
    (``os.kill(pid, 0)`` says so; a process we may not signal exists). A reused pid keeps a stale file (it
    goes once that process ends), a file from another machine or container (a shared folder) and a file
    in the older ``.<name>.<random>.tmp`` form are never touched: their owners cannot be checked from here.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_temp_files(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{_owner_tag()}-{os.getpid()}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            os.chmod(fh.fileno(), 0o666 & ~_umask())
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# <tag>-<pid>.<mkstemp's 8 random characters>: nothing else between ".<name>." and ".tmp" is ours
_TEMP_MIDDLE = re.compile(r"([0-9a-f]{8})-([0-9]{1,10})\.[A-Za-z0-9_]{8}")


def sweep_stale_temp_files(path: str | os.PathLike) -> list[Path]:
    """Remove the temporary files a killed writer left beside `path` (see `atomic_write` for the rule);
    return those removed. Only files named ``.<name>.<tag>-<pid>.<random>.tmp`` for this very target are
    looked at, so another target's temporary files (``rows.csv.1`` beside ``rows.csv``) are never touched.
    Errors (a folder that cannot be listed, a file gone meanwhile) are ignored: sweeping is best effort."""
    path = Path(path)
    head, tail = f".{path.name}.", ".tmp"
    removed = []
    try:
        entries = os.scandir(path.parent)
    except OSError:
        return removed
    mine = _owner_tag()
    with entries:
        for entry in entries:
            name = entry.name
            if not (name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail)):
                continue
            m = _TEMP_MIDDLE.fullmatch(name[len(head):-len(tail)])
            if not m or m.group(1) != mine or _pid_alive(int(m.group(2))):
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def _pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a zombie counts: its parent has not seen it end yet)."""
    if pid <= 0:
        return True  # not a pid we wrote: keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


_TAG: str | None = None


def _owner_tag() -> str:
    """8 hex digits naming this machine and pid namespace (hostname, and the pid namespace's inode where
    Linux gives it): a pid in a temporary file's name is checked only where it means the same process."""
    global _TAG
    if _TAG is None:
        try:
            ns = os.stat("/proc/self/ns/pid").st_ino
        except OSError:
            ns = 0
        host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
        _TAG = f"{zlib.crc32(f'{host}/{ns}'.encode()):08x}"
    return _TAG


def _umask() -> int:
    """The process umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
