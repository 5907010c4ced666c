"""Where the room's server may listen: the laptop's LAN address, and whether an address is this laptop's now.

Both only ask the operating system: nothing is sent over the network, and no name is looked up.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from collections.abc import Callable


def lan_address(make_socket: Callable[..., socket.socket] = socket.socket) -> str:
    """The laptop's address on the local network (a UDP socket is pointed outward; nothing is sent)."""
    sock = make_socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        sock.connect(("10.254.254.254", 1))  # connect() on UDP only picks a route and a local address
        address = str(sock.getsockname()[0])
    except OSError:
        address = "127.0.0.1"
    finally:
        sock.close()
    return address if address and not address.startswith("0.") else "127.0.0.1"


def is_ip_address(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (a name is not: it would need a look-up)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def is_own_address(host: str) -> bool:
    """Whether a server could listen on ``host`` now: an address this laptop has (nothing is sent)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with contextlib.closing(socket.socket(family, socket.SOCK_STREAM)) as probe:
            probe.bind((host, 0))
    except OSError:
        return False
    return True
