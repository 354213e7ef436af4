"""Synthetic call participants (aiortc) for bench/scripts/calls-sfu.sh: they fill a call
of natter's to sizes that more Chromium pages could not reach on two cores.

Each participant signs in over the API, joins the chat's call on natter's socket
(`join_call`), and then does what natter's web client does: through the SFU it mirrors
static/js/calls/sfu.js (POST /api/calls/sfu/, then Janus's HTTP API: one connection that
publishes, one subscription per other publisher, each description sent with its
candidates gathered); in a mesh it mirrors static/js/calls/mesh.js (the one who joins
offers to everyone already there, the others answer, candidates trickle). What it sends
is a 440 Hz tone (Opus) and, unless --video none, a moving test picture of --video
WxH@FPS (VP8). What it receives is decoded and counted; with --receive audio (SFU only)
it subscribes to the others' audio alone, with --receive none (SFU only) to nothing: a
speaker who does not listen, the lightest load that still publishes.

Prints {"ready": true} once every participant is signed in, its socket open; then is
driven over stdin, one word a line:
  join   the participants join one after another, each once it hears (first decoded
         audio) everyone already in the call, or after 30 s; prints {"joined": [...]}
  stats  prints {"stats": [...]}: per participant the packets it received and lost so far
  leave  leaves the call and exits
Usage: synthetic.py --base URL --chat ID --mode sfu|mesh --users FILE [--first I --count N]
                    [--video WxH@FPS|none] [--receive all|audio|none]
FILE holds one "username password" a line (the password is the rest of the line); this process takes N of them from line I.
"""

import argparse
import asyncio
import fractions
import json
import math
import os
import random
import sys
import time
from urllib.parse import quote

import aiohttp
from aiortc import MediaStreamTrack, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRelay
from aiortc.mediastreams import MediaStreamError
from aiortc.sdp import candidate_from_sdp
from av import AudioFrame, VideoFrame

HEAR_TIMEOUT = 30.0
KEEPALIVE = 25.0


class Paced(MediaStreamTrack):
    """A track that hands out its frames at the pace of real time."""

    def __init__(self):
        super().__init__()
        self.start = None

    async def until(self, seconds):
        """Waits until `seconds` after the first frame; fails once the track stopped."""
        if self.readyState != "live":
            raise MediaStreamError
        if self.start is None:
            self.start = time.time()
        await asyncio.sleep(max(0, self.start + seconds - time.time()))


class Tone(Paced):
    """A 440 Hz tone in 20 ms frames, at the pace of real time."""

    kind = "audio"
    RATE = 48000
    SAMPLES = 960

    def __init__(self):
        super().__init__()
        # half a second (220 whole periods, 25 frames), played in a loop
        self.wave = b"".join(int(8000 * math.sin(2 * math.pi * 440 * i / self.RATE))
                             .to_bytes(2, "little", signed=True) for i in range(self.SAMPLES * 25))
        self.pts = -self.SAMPLES

    async def recv(self):
        self.pts += self.SAMPLES
        await self.until(self.pts / self.RATE)
        frame = AudioFrame(format="s16", layout="mono", samples=self.SAMPLES)
        at = (self.pts // self.SAMPLES) % 25 * self.SAMPLES * 2
        frame.planes[0].update(self.wave[at : at + self.SAMPLES * 2])
        frame.pts = self.pts
        frame.sample_rate = self.RATE
        frame.time_base = fractions.Fraction(1, self.RATE)
        return frame


class Pattern(Paced):
    """A test picture with a bar that moves, WxH at FPS frames a second."""

    kind = "video"

    def __init__(self, width, height, fps):
        super().__init__()
        self.fps = fps
        self.frames = []
        for k in range(fps):  # one second of distinct pictures, played in a loop
            frame = VideoFrame(width=width, height=height, format="yuv420p")
            bar = k * width // fps
            luma = bytearray(
                (200 if bar <= x < bar + width // 8 else (x * 255 // width)) for x in range(width)
            ) * height
            frame.planes[0].update(bytes(luma[: frame.planes[0].buffer_size]))
            frame.planes[1].update(bytes([90]) * frame.planes[1].buffer_size)
            frame.planes[2].update(bytes([160]) * frame.planes[2].buffer_size)
            self.frames.append(frame)
        self.count = -1

    async def recv(self):
        self.count += 1
        await self.until(self.count / self.fps)
        frame = self.frames[self.count % len(self.frames)]
        frame.pts = self.count * 90000 // self.fps
        frame.time_base = fractions.Fraction(1, 90000)
        return frame


class Participant:
    def __init__(self, http, args, username, password):
        self.http = http
        self.args = args
        self.username = username
        self.password = password
        self.me = None
        self.headers = None
        self.ws = None
        self.people = set()  # user ids in the call, from call_state
        self.in_call = asyncio.Event()
        self.joined_at = None
        self.heard = {}  # user id -> ms from join_call to their first decoded audio
        self.pcs = {}  # user id -> receiving (SFU) or two-way (mesh) connection
        self.relay = MediaRelay()
        self.audio = Tone()
        self.video = None if args.video is None else Pattern(*args.video)
        self.heard_all = asyncio.Event()
        self.waiting_for = set()
        self.tasks = []

    # natter ----------------------------------------------------------------------------

    async def login(self):
        async with self.http.post(f"{self.args.base}/api/auth/login/",
                                  json={"username": self.username, "password": self.password}) as r:
            body = await r.json()
            if r.status != 200:
                raise RuntimeError(f"login {self.username}: {r.status} {body}")
        self.me = body["user"]["id"]
        self.headers = {"Authorization": f"Token {body['token']}"}
        ws_url = self.args.base.replace("http", "ws", 1) + f"/messages/ws/?token={body['token']}"
        self.ws = await self.http.ws_connect(ws_url, max_msg_size=0)
        self.tasks.append(asyncio.create_task(self.read_socket()))

    async def send(self, kind, data):
        await self.ws.send_json({"type": kind, "chat_id": self.args.chat, "data": data})

    async def read_socket(self):
        async for msg in self.ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                continue
            frame = json.loads(msg.data)
            if frame.get("chat_id") != self.args.chat:
                continue
            kind, data = frame.get("type"), frame.get("data") or {}
            if kind == "call_state":
                self.people = {p["user_id"] for p in data.get("participants", [])}
                if self.me in self.people and not self.in_call.is_set():
                    self.in_call.set()
            elif kind in ("offer", "answer", "ice_candidate") and self.args.mode == "mesh":
                await self.signal(kind, data)
            elif kind == "user_left" and self.args.mode == "mesh":
                pc = self.pcs.pop(data.get("user_id"), None)
                if pc:
                    await pc.close()

    async def join(self):
        self.joined_at = time.monotonic()
        await self.send("join_call", {"sfu": True} if self.args.mode == "sfu" else {})
        await asyncio.wait_for(self.in_call.wait(), 15)
        self.waiting_for = self.people - {self.me} if self.args.receive != "none" else set()
        if not self.waiting_for:
            self.heard_all.set()
        if self.args.mode == "sfu":
            await self.sfu_start()
        else:
            for uid in sorted(self.waiting_for):
                await self.mesh_offer(uid)
        try:
            await asyncio.wait_for(self.heard_all.wait(), HEAR_TIMEOUT)
        except asyncio.TimeoutError:
            pass

    # what arrives ----------------------------------------------------------------------

    def on_track(self, uid, track):
        async def consume():
            try:
                while True:
                    await track.recv()
                    if track.kind == "audio" and uid not in self.heard:
                        self.heard[uid] = (time.monotonic() - self.joined_at) * 1000
                        self.waiting_for.discard(uid)
                        if not self.waiting_for:
                            self.heard_all.set()
            except MediaStreamError:
                pass

        self.tasks.append(asyncio.create_task(consume()))

    def receiving_pc(self, uid):
        pc = RTCPeerConnection()
        pc.on("track", lambda track: self.on_track(uid, track))
        self.pcs[uid] = pc
        return pc

    # mesh ------------------------------------------------------------------------------

    def add_media(self, pc):
        pc.addTrack(self.relay.subscribe(self.audio, buffered=False))
        if self.video:
            pc.addTrack(self.relay.subscribe(self.video, buffered=False))
        else:
            pc.addTransceiver("video", direction="recvonly")

    async def mesh_offer(self, uid):
        pc = self.receiving_pc(uid)
        self.add_media(pc)
        await pc.setLocalDescription(await pc.createOffer())
        await self.send("offer", {"target_user_id": uid, "sdp": pc.localDescription.sdp})

    async def signal(self, kind, data):
        uid = data.get("from_user_id")
        if kind == "offer":
            old = self.pcs.pop(uid, None)
            if old:
                await old.close()
            pc = self.receiving_pc(uid)
            await pc.setRemoteDescription(RTCSessionDescription(data["sdp"], "offer"))
            for t in pc.getTransceivers():
                track = self.audio if t.kind == "audio" else self.video
                if track:
                    t.sender.replaceTrack(self.relay.subscribe(track, buffered=False))
                    t.direction = "sendrecv"
            await pc.setLocalDescription(await pc.createAnswer())
            await self.send("answer", {"target_user_id": uid, "sdp": pc.localDescription.sdp})
        elif kind == "answer" and uid in self.pcs:
            await self.pcs[uid].setRemoteDescription(RTCSessionDescription(data["sdp"], "answer"))
        elif kind == "ice_candidate" and uid in self.pcs:
            c = data.get("candidate") or {}
            if c.get("candidate"):
                cand = candidate_from_sdp(c["candidate"].split(":", 1)[1])
                cand.sdpMid = c.get("sdpMid")
                cand.sdpMLineIndex = c.get("sdpMLineIndex")
                await self.pcs[uid].addIceCandidate(cand)

    # SFU (Janus VideoRoom) -------------------------------------------------------------

    async def janus(self, path, body):
        body = {**body, "transaction": f"{random.getrandbits(48):x}", "token": self.grant["token"]}
        waiter = None
        if body["janus"] == "message":
            waiter = asyncio.get_running_loop().create_future()
            self.pending[body["transaction"]] = waiter
        async with self.http.post(self.grant["server"] + path, json=body) as r:
            answer = await r.json(content_type=None)
        if answer.get("janus") == "error":
            raise RuntimeError(f"janus: {answer}")
        if answer.get("janus") == "ack" and waiter:
            return await asyncio.wait_for(waiter, 20)
        self.pending.pop(body["transaction"], None)
        return answer

    async def poll(self):
        url = f"{self.grant['server']}/{self.session}?maxev=10&token={quote(self.grant['token'], safe='')}"
        while True:
            try:
                async with self.http.get(url) as r:
                    events = await r.json(content_type=None)
            except (aiohttp.ClientError, ValueError) as e:
                # a dropped keep-alive connection: Janus keeps the session's events queued
                print(f"{self.username}: poll again after {e!r}", file=sys.stderr)
                await asyncio.sleep(0.1)
                continue
            for event in events if isinstance(events, list) else [events]:
                if not isinstance(event, dict):
                    continue
                waiter = self.pending.pop(event.get("transaction"), None)
                if waiter and not waiter.done():
                    waiter.set_result(event)
                    continue
                data = (event.get("plugindata") or {}).get("data") or {}
                if event.get("sender") == self.handle:
                    for p in data.get("publishers") or []:
                        self.tasks.append(asyncio.create_task(self.subscribe(p)))

    async def keepalive(self):
        while True:
            await asyncio.sleep(KEEPALIVE)
            await self.janus(f"/{self.session}", {"janus": "keepalive"})

    async def sfu_start(self):
        async with self.http.post(f"{self.args.base}/api/calls/sfu/", headers=self.headers,
                                  json={"chat_id": self.args.chat}) as r:
            self.grant = await r.json()
            if r.status != 200:
                raise RuntimeError(f"grant: {r.status} {self.grant}")
        self.pending = {}
        self.session = (await self.janus("", {"janus": "create"}))["data"]["id"]
        self.handle = None
        self.tasks.append(asyncio.create_task(self.poll()))
        self.tasks.append(asyncio.create_task(self.keepalive()))
        attach = {"janus": "attach", "plugin": "janus.plugin.videoroom"}
        self.handle = (await self.janus(f"/{self.session}", attach))["data"]["id"]
        joined = await self.janus(f"/{self.session}/{self.handle}", {"janus": "message", "body": {
            "request": "join", "ptype": "publisher", "room": self.grant["room"],
            "id": self.grant["id"], "token": self.grant["room_token"], "display": str(self.me)}})
        data = joined["plugindata"]["data"]
        if data.get("videoroom") != "joined":
            raise RuntimeError(f"not joined: {data}")
        self.private_id = data["private_id"]
        pc = RTCPeerConnection()
        pc.addTransceiver(self.audio, direction="sendonly")
        if self.video:
            pc.addTransceiver(self.video, direction="sendonly")
        self.publisher = pc
        await pc.setLocalDescription(await pc.createOffer())
        answer = await self.janus(f"/{self.session}/{self.handle}", {
            "janus": "message", "body": {"request": "configure", "audio": True, "video": True},
            "jsep": {"type": "offer", "sdp": pc.localDescription.sdp}})
        await pc.setRemoteDescription(RTCSessionDescription(answer["jsep"]["sdp"], "answer"))
        for p in data.get("publishers") or []:
            self.tasks.append(asyncio.create_task(self.subscribe(p)))

    async def subscribe(self, publisher):
        uid = int(publisher["id"])
        if uid == self.me or uid in self.pcs or self.args.receive == "none":
            return
        pc = self.receiving_pc(uid)
        stream = {"feed": uid}
        if self.args.receive == "audio":
            mids = [s["mid"] for s in publisher.get("streams", []) if s.get("type") == "audio"]
            stream = {"feed": uid, "mid": mids[0]} if mids else stream
        attach = {"janus": "attach", "plugin": "janus.plugin.videoroom"}
        handle = (await self.janus(f"/{self.session}", attach))["data"]["id"]
        offered = await self.janus(f"/{self.session}/{handle}", {"janus": "message", "body": {
            "request": "join", "ptype": "subscriber", "room": self.grant["room"],
            "streams": [stream], "private_id": self.private_id, "token": self.grant["room_token"]}})
        await pc.setRemoteDescription(RTCSessionDescription(offered["jsep"]["sdp"], "offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        await self.janus(f"/{self.session}/{handle}", {
            "janus": "message", "body": {"request": "start"},
            "jsep": {"type": "answer", "sdp": pc.localDescription.sdp}})

    # figures ---------------------------------------------------------------------------

    async def stats(self):
        inbound = {"packets": 0, "lost": 0}
        for pc in self.pcs.values():
            for r in (await pc.getStats()).values():
                if r.type == "inbound-rtp":
                    inbound["packets"] += r.packetsReceived
                    inbound["lost"] += r.packetsLost
        return {"user": self.me, "inbound": inbound}

    async def leave(self):
        await self.send("leave_call", {})
        await self.ws.close()


def video_arg(text):
    if text == "none":
        return None
    size, fps = text.split("@")
    w, h = size.split("x")
    return int(w), int(h), int(fps)


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--chat", type=int, required=True)
    ap.add_argument("--mode", choices=["sfu", "mesh"], required=True)
    ap.add_argument("--users", required=True)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--video", type=video_arg, default=(160, 120, 10))
    ap.add_argument("--receive", choices=["all", "audio", "none"], default="all")
    args = ap.parse_args()
    with open(args.users) as f:
        creds = [line.rstrip("\n").split(" ", 1) for line in f if line.strip()][args.first : args.first + args.count]
    lines = asyncio.Queue()
    loop = asyncio.get_running_loop()
    loop.add_reader(sys.stdin, lambda: lines.put_nowait(sys.stdin.readline().strip()))
    out = lambda obj: print(json.dumps(obj), flush=True)
    async with aiohttp.ClientSession() as http:
        people = [Participant(http, args, u, p) for u, p in creds]
        for p in people:
            await p.login()
        out({"ready": True})
        while True:
            word = await lines.get()
            if word == "join":
                for p in people:
                    await p.join()
                out({"joined": [{"user": p.me, "heard_ms": p.heard, "waiting_for": sorted(p.waiting_for)}
                                for p in people]})
            elif word == "stats":
                out({"stats": [await p.stats() for p in people]})
            elif word in ("leave", ""):
                for p in people:
                    await p.leave()
                # aiortc's decoder threads would hold the exit; the call is left already
                os._exit(0)


if __name__ == "__main__":
    asyncio.run(main())
