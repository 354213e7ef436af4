#!/usr/bin/env python3
"""matrix-nio, an unmodified third-party Matrix client library, signs in to natter.

tests/api/matrix_clients.rs runs it against the real binary, so natter's Matrix answers
are read by a parser that is not natter's own: each step checks the type of nio's
response object (a shape nio cannot parse turns into an error object, and fails here).

    nio_sign_in.py HOMESERVER USERNAME PASSWORD

Signs in as a named device, asks whoami, finds and renames its device, signs a second
device in (by the full user id whoami gave), deletes it with delete_devices (natter
needs no user-interactive auth for that), sees the second token refused, signs out and
sees the first token refused too. Prints `ok` and exits 0, or fails on the first check
that does not hold. Needs matrix-nio (PyPI; .ci/run installs it pinned, without e2e).
"""

import argparse
import asyncio
import sys

from nio import (
    AsyncClient,
    AsyncClientConfig,
    DeleteDevicesResponse,
    DevicesResponse,
    ErrorResponse,
    LoginResponse,
    LogoutResponse,
    UpdateDeviceResponse,
    WhoamiResponse,
)

# A request that takes longer than this fails instead of being retried: the whole run is
# a handful of requests to a server on this machine.
REQUEST_TIMEOUT = 10
# The whole script, all steps together.
SCRIPT_TIMEOUT = 60


def new_client(homeserver, user):
    """A client that gives up on a slow or missing server instead of retrying forever."""
    config = AsyncClientConfig(
        max_timeouts=0, max_limit_exceeded=0, request_timeout=REQUEST_TIMEOUT
    )
    return AsyncClient(homeserver, user, config=config)


def expect(resp, cls, what):
    """Asserts nio parsed the answer to `what` as `cls`; returns it."""
    status = resp.transport_response.status if resp.transport_response else None
    assert isinstance(resp, cls), (
        f"{what}: expected {cls.__name__}, nio made {type(resp).__name__} "
        f"(HTTP {status}): {resp}"
    )
    return resp


async def device_list(client, what):
    """The client's devices as nio parsed them, by id."""
    resp = expect(await client.devices(), DevicesResponse, what)
    return {d.id: d for d in resp.devices}


async def token_refused(client, token, what):
    """Asserts whoami with `token` is refused as an unknown token (401 M_UNKNOWN_TOKEN)."""
    client.access_token = token
    resp = await client.whoami()
    assert isinstance(resp, ErrorResponse), f"{what}: whoami still answers: {resp}"
    status = resp.transport_response.status if resp.transport_response else None
    assert resp.status_code == "M_UNKNOWN_TOKEN", f"{what}: wrong errcode: {resp}"
    assert status == 401, f"{what}: HTTP {status}, not 401: {resp}"
    assert not resp.soft_logout, f"{what}: a soft logout, not a hard one: {resp}"


async def run(homeserver, username, password):
    first = new_client(homeserver, username)
    second = None
    try:
        login = expect(
            await first.login(password, device_name="nio first"),
            LoginResponse,
            "login",
        )
        assert login.access_token, f"login: no access token: {login}"
        assert login.device_id, f"login: no device id: {login}"
        assert login.user_id.startswith(f"@{username}:"), (
            f"login: user id {login.user_id!r} is not @{username}:..."
        )
        assert first.access_token == login.access_token, "nio did not keep the token"

        me = expect(await first.whoami(), WhoamiResponse, "whoami")
        assert me.user_id == login.user_id, (
            f"whoami: user id {me.user_id!r}, login said {login.user_id!r}"
        )
        assert me.device_id == login.device_id, (
            f"whoami: device id {me.device_id!r}, login said {login.device_id!r}"
        )
        assert not me.is_guest, f"whoami: a guest: {me}"

        devices = await device_list(first, "devices")
        assert login.device_id in devices, (
            f"devices: own device {login.device_id!r} missing from {list(devices)}"
        )
        assert devices[login.device_id].display_name == "nio first", (
            f"devices: own device named {devices[login.device_id].display_name!r}"
        )

        expect(
            await first.update_device(login.device_id, {"display_name": "nio renamed"}),
            UpdateDeviceResponse,
            "update_device",
        )
        devices = await device_list(first, "devices after rename")
        assert devices[login.device_id].display_name == "nio renamed", (
            f"rename: device now named {devices[login.device_id].display_name!r}"
        )

        # The second device signs in by the full user id whoami gave.
        second = new_client(homeserver, me.user_id)
        other = expect(
            await second.login(password, device_name="nio second"),
            LoginResponse,
            "second login (full user id)",
        )
        assert other.user_id == login.user_id, (
            f"second login: user id {other.user_id!r}, first was {login.user_id!r}"
        )
        assert other.device_id != login.device_id, "second login reused the device id"
        assert other.access_token != login.access_token, "second login reused the token"
        devices = await device_list(first, "devices with two")
        assert other.device_id in devices, (
            f"devices: second device {other.device_id!r} missing from {list(devices)}"
        )
        assert devices[other.device_id].display_name == "nio second", (
            f"devices: second named {devices[other.device_id].display_name!r}"
        )
        expect(
            await second.whoami(), WhoamiResponse, "whoami of the second device"
        )

        expect(
            await first.delete_devices([other.device_id]),
            DeleteDevicesResponse,
            "delete_devices (no user-interactive auth)",
        )
        devices = await device_list(first, "devices after delete")
        assert other.device_id not in devices, (
            f"delete_devices: {other.device_id!r} still listed in {list(devices)}"
        )
        assert login.device_id in devices, "delete_devices removed the caller's device"
        await token_refused(second, other.access_token, "deleted device's token")

        token = first.access_token
        expect(await first.logout(), LogoutResponse, "logout")
        assert not first.access_token, "nio kept the token after logout"
        await token_refused(first, token, "signed-out token")
    finally:
        await first.close()
        if second is not None:
            await second.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("homeserver")
    parser.add_argument("username")
    parser.add_argument("password")
    args = parser.parse_args()
    asyncio.run(
        asyncio.wait_for(
            run(args.homeserver, args.username, args.password), SCRIPT_TIMEOUT
        )
    )
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
