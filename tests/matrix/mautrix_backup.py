#!/usr/bin/env python3
"""mautrix-python's crypto sets up cross-signing and a key backup; a new device restores.

    mautrix_backup.py BASE_URL PASSWORD

`alice` exists on the server with PASSWORD. Her device ALICE3 (a mautrix OlmMachine)
uploads its device keys and publishes cross-signing keys (/keys/device_signing/upload):
the first ones go in without auth (as the specification allows; a server that asks is
answered with her password), the same ones again need no auth either, and new ones (a
reset) must be refused with a 401 user-interactive-auth challenge offering
m.login.password and taken with her password. She keeps the keys in secret storage
(SSSS, account data) under a recovery key and signs ALICE3 with the self-signing key
(/keys/signatures/upload). mautrix encrypts a message she sends to an encrypted room of
her own; she creates a key backup version signed by her master key and device
(/room_keys/version), uploads the megolm session to it (/room_keys/keys) and keeps the
backup's private key in secret storage.

A new device ALICE4 then signs in with nothing but the recovery key: mautrix reads the
cross-signing keys from secret storage and signs ALICE4; /keys/query shows the master
key signed by ALICE3, the self-signing key signed by the master key, and both devices
signed by the self-signing key. ALICE4 downloads the backup, decrypts the session with
the backup key from secret storage, and mautrix decrypts the history message with it.

mautrix has no key-backup API, so the backup's payload is built from library pieces:
vodozemac's PkEncryption / PkDecryption for m.megolm_backup.v1.curve25519-aes-sha2 (its
Message is built from the raw fields: vodozemac 0.10's to_base64 and from_base64 order
them differently) and the session export of mautrix's python-olm InboundGroupSession;
signatures are mautrix's sign_olm. Device ids ALICE3/ALICE4 keep clear of
nio_encrypted.py's ALICE1.
Prints `ok - STEP` per step and exits 0, or `FAIL - STEP: REASON` and exits 1.
"""

import asyncio
import base64
import json
import logging
import sys
import traceback
import urllib.error
import urllib.parse
import urllib.request

import vodozemac
from mautrix.client import Client
from mautrix.client.state_store import MemoryStateStore
from mautrix.crypto import OlmMachine
from mautrix.crypto.cross_signing_key import CrossSigningSeeds
from mautrix.crypto.sessions import InboundGroupSession
from mautrix.crypto.signature import sign_olm, verify_signature_json
from mautrix.crypto.store import MemoryCryptoStore
from mautrix.errors import MatrixRequestError
from mautrix.types import (
    EncryptedEvent,
    EventType,
    MessageType,
    TextMessageEventContent,
)

REQUEST_TIMEOUT = 30
STEP_DEADLINE = 30
MEGOLM = "m.megolm.v1.aes-sha2"
BACKUP_ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2"
V3 = "/_matrix/client/v3"


class StepFailed(Exception):
    pass


def check(condition, reason):
    if not condition:
        raise StepFailed(reason)


def quote(segment):
    """A path segment; event and session ids may hold `/` and `+`."""
    return urllib.parse.quote(segment, safe="")


def b64(data):
    return base64.b64encode(data).decode().rstrip("=")


def unb64(text):
    return base64.b64decode(text + "=" * (-len(text) % 4))


def http(base, method, path, token, body=None):
    """(status, JSON) of a plain request, to see the server's answer as sent."""
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    request = urllib.request.Request(base.rstrip("/") + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def ok_answer(answer, what):
    status, body = answer
    check(status == 200, f"{what} answered {status}: {body}")
    return body


class StateStore(MemoryStateStore):
    """mautrix's memory state store plus the one query its crypto needs beyond it."""

    async def find_shared_rooms(self, user_id):
        return [room for room, members in self.members.items() if user_id in members]


class CryptoStore(MemoryCryptoStore):
    """mautrix 0.21.1's memory crypto store fails to update a cross-signing key it already
    holds (it assigns to a NamedTuple); this replaces the tuple instead."""

    async def put_cross_signing_key(self, user_id, usage, key):
        current = self._cross_signing_keys.get(user_id, {}).get(usage)
        if current is None:
            await super().put_cross_signing_key(user_id, usage, key)
        else:
            self._cross_signing_keys[user_id][usage] = current._replace(key=key)


class Device:
    """One of alice's devices: a mautrix client with an olm machine."""

    def __init__(self, base, device_id):
        self.base = base
        self.state = StateStore()
        self.client = Client(base_url=base, state_store=self.state)
        self.client.api.log.setLevel(logging.WARNING)
        self.device_id = device_id
        self.machine = None

    @property
    def token(self):
        return self.client.api.token

    async def sign_in(self, password):
        await self.client.login(identifier="alice", password=password, device_id=self.device_id,
                                device_name=f"mautrix {self.device_id}")
        check(self.client.device_id == self.device_id, f"server gave device {self.client.device_id}")
        store = CryptoStore(self.client.mxid, "pickle key")
        self.machine = OlmMachine(self.client, store, self.state)
        self.client.crypto = self.machine
        await self.machine.load()
        await self.machine.share_keys()
        check(self.machine.account.shared, "device keys not marked as uploaded")

    async def close(self):
        await self.client.api.session.close()


async def publish(device, seeds, auth=None):
    """mautrix's own upload of the three cross-signing keys (/keys/device_signing/upload)."""
    await device.machine._publish_cross_signing_keys(seeds.to_keys(), auth=auth)


def password_auth(device, password, session):
    return {"type": "m.login.password", "identifier": {"type": "m.id.user", "user": device.client.mxid},
            "password": password, "session": session}


async def auth_challenge(device, seeds):
    """The 401 answer to an upload without auth: its UIA session id."""
    try:
        await publish(device, seeds)
    except MatrixRequestError as e:
        check(e.http_status == 401, f"device_signing/upload without auth: {e.http_status} {e}")
        challenge = json.loads(getattr(e, "text", "") or "{}")
        stages = [stage for flow in challenge.get("flows", []) for stage in flow.get("stages", [])]
        check("m.login.password" in stages, f"UIA offers no m.login.password: {challenge}")
        check(challenge.get("session"), f"UIA gave no session: {challenge}")
        return challenge["session"]
    return None


async def first_upload(device, password):
    """The first cross-signing keys: the specification lets them in without auth; a server
    that asks anyway is answered with the password."""
    seeds = CrossSigningSeeds.generate()
    session = await auth_challenge(device, seeds)
    if session:
        await publish(device, seeds, auth=password_auth(device, password, session))
    print(f"# first device_signing/upload accepted {'after UIA' if session else 'without auth'}", flush=True)
    await publish(device, seeds)
    return seeds


async def reset_cross_signing(device, password):
    """New keys replace the old only after user-interactive auth with the password."""
    seeds = CrossSigningSeeds.generate()
    session = await auth_challenge(device, seeds)
    check(session, "replacing cross-signing keys needed no auth")
    await publish(device, seeds, auth=password_auth(device, password, session))
    return seeds


async def store_secrets_and_sign(device, seeds):
    """Secret storage with a recovery key holding the cross-signing keys; the self-signing
    key signs this device (/keys/signatures/upload). Returns (recovery key, SSSS key)."""
    ssss_key = await device.machine.ssss.generate_and_upload_key()
    await device.machine._upload_cross_signing_keys_to_ssss(ssss_key, seeds)
    await device.machine.ssss.set_default_key_id(ssss_key.id)
    await device.machine.sign_own_device(device.machine.own_identity)
    return ssss_key.recovery_key, ssss_key


async def write_history(device, text):
    """An encrypted room of alice's own with one message that mautrix encrypts; returns
    (room, event, megolm session) as the server stored them."""
    encryption = {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": MEGOLM}}
    room_id = await device.client.create_room(name="Diary", initial_state=[encryption])
    content = TextMessageEventContent(msgtype=MessageType.TEXT, body=text)
    event_id = await device.client.send_message_event(room_id, EventType.ROOM_MESSAGE, content)
    raw = stored_event(device, room_id, event_id)
    check(text not in raw["content"].get("ciphertext", text), f"stored content is not ciphertext: {raw}")
    return room_id, event_id, raw["content"]["session_id"]


def stored_event(device, room_id, event_id):
    path = f"{V3}/rooms/{quote(room_id)}/event/{quote(event_id)}"
    raw = ok_answer(http(device.base, "GET", path, device.token), "GET event")
    check(raw.get("type") == "m.room.encrypted", f"event stored as {raw.get('type')}")
    check(raw.get("content", {}).get("algorithm") == MEGOLM, f"event stored with {raw.get('content')}")
    return raw


def backup_auth_data(device, seeds, public_key):
    auth_data = {"public_key": public_key}
    master = seeds.to_keys()
    signatures = {
        f"ed25519:{master.public_keys.master_key}": sign_olm(dict(auth_data), master.master_key),
        f"ed25519:{device.device_id}": sign_olm(dict(auth_data), device.machine.account),
    }
    auth_data["signatures"] = {device.client.mxid: signatures}
    return auth_data


def backup_payload(device, session):
    """The plain session data of a backed-up megolm session, as the specification lists it."""
    return {
        "algorithm": MEGOLM,
        "sender_key": device.machine.account.identity_key,
        "sender_claimed_keys": {"ed25519": device.machine.account.signing_key},
        "forwarding_curve25519_key_chain": [],
        "session_key": session.export_session(session.first_known_index),
    }


async def back_up(device, seeds, ssss_key, room_id, session_id):
    """Creates a backup version and uploads the room's session; keeps the key in SSSS."""
    secret = vodozemac.Curve25519SecretKey()
    public_key = secret.public_key().to_base64()
    body = {"algorithm": BACKUP_ALGORITHM, "auth_data": backup_auth_data(device, seeds, public_key)}
    made = ok_answer(http(device.base, "POST", f"{V3}/room_keys/version", device.token, body), "POST room_keys/version")
    version = made.get("version")
    check(isinstance(version, str), f"room_keys/version gave no version string: {made}")

    session = await device.machine.crypto_store.get_group_session(room_id, session_id)
    check(session is not None, "mautrix kept no inbound session for its own message")
    plain = json.dumps(backup_payload(device, session)).encode()
    sealed = vodozemac.PkEncryption.from_key(secret.public_key()).encrypt(plain)
    key_backup = {
        "first_message_index": session.first_known_index,
        "forwarded_count": 0,
        "is_verified": True,
        "session_data": {"ephemeral": b64(sealed.ephemeral_key), "ciphertext": b64(sealed.ciphertext),
                         "mac": b64(sealed.mac)},
    }
    path = f"{V3}/room_keys/keys/{quote(room_id)}/{quote(session_id)}?version={version}"
    stored = ok_answer(http(device.base, "PUT", path, device.token, key_backup), "PUT room_keys/keys")
    check(stored.get("count") == 1 and "etag" in stored, f"PUT room_keys/keys answered {stored}")
    await device.machine.ssss.set_encrypted_account_data(EventType.MEGOLM_BACKUP_V1, secret.to_base64().encode(), ssss_key)
    return version


def signed_by(obj, user_id, key_name, key, what):
    check(verify_signature_json(obj, user_id, key_name, key), f"{what} has no valid signature by {key_name}: {obj}")


def cross_signed(base, token, user_id, devices):
    """keys/query shows the master key signed by the first device, the self-signing key by the
    master key, and every device in `devices` by the self-signing key."""
    body = {"device_keys": {user_id: []}}
    answer = ok_answer(http(base, "POST", f"{V3}/keys/query", token, body), "keys/query")
    master = answer.get("master_keys", {}).get(user_id)
    self_signing = answer.get("self_signing_keys", {}).get(user_id)
    check(master and self_signing, f"keys/query has no master or self-signing key: {answer}")
    check("user_signing_keys" in answer and user_id in answer["user_signing_keys"],
          f"keys/query shows alice no user-signing key of her own: {answer}")
    device_keys = answer.get("device_keys", {}).get(user_id, {})
    check(all(d in device_keys for d in devices), f"keys/query lacks one of {devices}: {list(device_keys)}")
    master_pub = next(iter(master["keys"].values()))
    ssk_pub = next(iter(self_signing["keys"].values()))
    first = device_keys[devices[0]]
    signed_by(master, user_id, devices[0], first["keys"][f"ed25519:{devices[0]}"], "the master key")
    signed_by(self_signing, user_id, master_pub, master_pub, "the self-signing key")
    for d in devices:
        signed_by(device_keys[d], user_id, ssk_pub, ssk_pub, f"device {d}")
    return master_pub


async def restore(device, recovery_key, master_pub, room_id, event_id, text):
    """Reads the backup with the key from secret storage and decrypts the history event."""
    key_id, key_data = await device.machine.ssss.get_default_key_data()
    ssss_key = key_data.verify_recovery_key(key_id, recovery_key)
    secret = (await device.machine.ssss.get_decrypted_account_data(EventType.MEGOLM_BACKUP_V1, ssss_key)).decode()
    backup_key = vodozemac.PkDecryption.from_key(vodozemac.Curve25519SecretKey.from_base64(secret))

    version = ok_answer(http(device.base, "GET", f"{V3}/room_keys/version", device.token), "GET room_keys/version")
    check(version.get("algorithm") == BACKUP_ALGORITHM, f"backup algorithm {version.get('algorithm')}")
    auth_data = version.get("auth_data", {})
    check(auth_data.get("public_key") == backup_key.public_key.to_base64(), "backup public key is not SSSS's")
    signed_by(auth_data, device.client.mxid, master_pub, master_pub, "the backup's auth_data")

    path = f"{V3}/room_keys/keys?version={version['version']}"
    backup = ok_answer(http(device.base, "GET", path, device.token), "GET room_keys/keys")
    sessions = backup.get("rooms", {}).get(room_id, {}).get("sessions", {})
    check(len(sessions) == 1, f"backup has {len(sessions)} sessions for the room: {backup}")
    session_id, key_backup = next(iter(sessions.items()))
    data = key_backup["session_data"]
    message = vodozemac.Message(ciphertext=unb64(data["ciphertext"]), mac=unb64(data["mac"]),
                                ephemeral_key=unb64(data["ephemeral"]))
    plain = json.loads(backup_key.decrypt(message))
    session = InboundGroupSession.import_session(
        plain["session_key"], signing_key=plain["sender_claimed_keys"]["ed25519"],
        sender_key=plain["sender_key"], room_id=room_id)
    check(session.id == session_id, f"restored session {session.id}, backup said {session_id}")
    await device.machine.crypto_store.put_group_session(room_id, plain["sender_key"], session_id, session)

    raw = stored_event(device, room_id, event_id)
    raw.setdefault("room_id", room_id)
    decrypted = await device.machine.decrypt_megolm_event(EncryptedEvent.deserialize(raw))
    check(decrypted.content.body == text, f"decrypted {decrypted.content.body!r}, wrote {text!r}")


async def run(base, password):
    async def step(name, action):
        try:
            result = await asyncio.wait_for(action, STEP_DEADLINE)
        except Exception as e:
            if not isinstance(e, (StepFailed, asyncio.TimeoutError)):
                traceback.print_exc()
            print(f"FAIL - {name}: {type(e).__name__}: {e}", flush=True)
            raise StepFailed(name) from e
        print(f"ok - {name}", flush=True)
        return result

    first, second = Device(base, "ALICE3"), Device(base, "ALICE4")
    text = "dear diary, the key is in the blue vase"
    try:
        await step("ALICE3 signs in and uploads device and one-time keys", first.sign_in(password))
        await step("ALICE3's first cross-signing keys are taken, and the same keys again without auth",
                   first_upload(first, password))
        seeds = await step("ALICE3's new cross-signing keys are taken only after password UIA",
                           reset_cross_signing(first, password))
        recovery_key, ssss_key = await step("ALICE3 keeps the keys in secret storage and signs itself",
                                            store_secrets_and_sign(first, seeds))
        await step("keys/query shows ALICE3 cross-signed",
                   asyncio.to_thread(cross_signed, base, first.token, first.client.mxid, ["ALICE3"]))
        room_id, event_id, session_id = await step("ALICE3 writes an encrypted message", write_history(first, text))
        await step("ALICE3 backs the room key up (room_keys/version, room_keys/keys)",
                   back_up(first, seeds, ssss_key, room_id, session_id))

        await step("ALICE4 signs in and uploads device and one-time keys", second.sign_in(password))
        await step("ALICE4 verifies itself with the recovery key (cross-signing from SSSS)",
                   second.machine.verify_with_recovery_key(recovery_key))
        master_pub = await step(
            "keys/query shows the master key signed by ALICE3 and both devices by the self-signing key",
            asyncio.to_thread(cross_signed, base, second.token, second.client.mxid, ["ALICE3", "ALICE4"]))
        await step("ALICE4 restores the backup and decrypts the history message",
                   restore(second, recovery_key, master_pub, room_id, event_id, text))
    finally:
        await first.close()
        await second.close()


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: mautrix_backup.py BASE_URL PASSWORD")
    logging.basicConfig(level=logging.ERROR)
    try:
        asyncio.run(run(sys.argv[1], sys.argv[2]))
    except StepFailed:
        sys.exit(1)
    except Exception as e:
        traceback.print_exc()
        print(f"FAIL - unexpected: {type(e).__name__}: {e}", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
