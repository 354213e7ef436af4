// A newcomer's arrival in a room: the server leaves a message with this exact text
// (first_day.rs, JOINED_TEXT) in each room a person lands in when they sign up. The web
// client draws it as a line ("Ann joined") and makes no sound or notification for it.

/** The text of an arrival's message. */
export const JOINED_TEXT = '👋 joined';

/** Whether `msg` is an arrival's message (a plain one: no files, no reply, no thread). */
export function isJoinLine(msg) {
  return Boolean(msg && msg.content === JOINED_TEXT && !(msg.attachments || []).length && msg.thread_id == null);
}
