"""How an rclone error line is read: the kind of failure decides the message a curator sees.

The lines are rclone's own wording (as the deploy tests against a real sshd and nginx
print them); a port number is not an HTTP status: ``127.0.0.1:40355`` once made a
refused connection read as "menolak masuk" (403 inside the port).
"""

from __future__ import annotations

import pytest

from etalase.deploy.rclone import classify

SSH = 'Failed to create file system for "office:/srv/pages": NewFs: couldn\'t connect SSH: '


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (SSH + "dial tcp 127.0.0.1:40355: connect: connection refused", "unreachable"),
        (SSH + "dial tcp 127.0.0.1:34010: connect: connection refused", "unreachable"),
        (SSH + "dial tcp 10.0.0.5:401: i/o timeout", "unreachable"),
        (SSH + "ssh: handshake failed: ssh: unable to authenticate, attempted methods "
         "[none password], no supported methods remain", "auth"),
        ("ERROR : index.html: Failed to copy: HTTP error 403 (403 Forbidden) returned "
         "body: \"\"", "auth"),
        ("ERROR : Attempt 1/3 failed with 1 errors and: 401 Unauthorized", "auth"),
        (SSH + "ssh: handshake failed: knownhosts: key mismatch", "hostkey"),
        ("Failed to create file system for \"kantor:\": didn't find section in config file",
         "config"),
        ("ERROR : video.mp4: Failed to copy: disk quota exceeded", "step"),
    ],
)  # fmt: skip
def test_each_rclone_error_is_read_as_its_kind(line: str, kind: str) -> None:
    assert classify(line) == kind
