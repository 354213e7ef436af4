// The server's user groups (`@design`): a message's `@handle` of one mentions its members
// in that chat (docs/api.md, "User groups"). Read once from /messages/api/groups/ and kept
// for the mention picker, the marking of mentions and the directory; `loadGroups(true)`
// reads them again after a change, as does the socket's `user_group_changed` frame, and
// `onGroupsChange` listeners hear of each reading.

import { request } from './api.js';

let known = [];
let mayManage = false;
let loading = null;
const listeners = new Set();

/** Reads the groups (once, or again with `fresh`); answers the list. */
export function loadGroups(fresh = false) {
  if (!loading || fresh) {
    loading = request('GET', '/messages/api/groups/')
      .then((answer) => {
        known = (answer && answer.results) || [];
        mayManage = Boolean(answer && answer.may_manage);
        for (const fn of listeners) fn(known);
        return known;
      })
      .catch(() => known);
  }
  return loading;
}

/** Calls `fn(groups)` after each reading; answers how to stop. */
export function onGroupsChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A socket frame; a group made, changed or removed is read again (answers whether it was one). */
export function onGroupFrame(frame) {
  if (!frame || frame.type !== 'user_group_changed') return false;
  loadGroups(true);
  return true;
}

/** The groups read so far, by handle. */
export const userGroups = () => known;

/** Whether the caller may make and change groups. */
export const mayManageGroups = () => mayManage;

// As mentions.js's nameKey (the server folds NFKC and case); kept here so that
// mentions.js can ask for groups without a circle of imports.
const nameKey = (name) => String(name || '').normalize('NFKC').toLowerCase();

/** The group whose handle is `name` (as written after `@`), if any. */
export function groupNamed(name) {
  const key = nameKey(name);
  return known.find((g) => nameKey(g.handle) === key) || null;
}

/** Makes a group: `{handle, name, description, user_ids}`. */
export const createGroup = (fields) => request('POST', '/messages/api/groups/', fields);

/** One group with its members. */
export const getGroup = (id) => request('GET', `/messages/api/groups/${encodeURIComponent(id)}/`);

/** Adds people to a group. */
export const addToGroup = (id, userIds) =>
  request('POST', `/messages/api/groups/${encodeURIComponent(id)}/members/`, { user_ids: userIds });

/** Takes a person out of a group. */
export const removeFromGroup = (id, userId) =>
  request('DELETE', `/messages/api/groups/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}/`);

/** Removes a group. */
export const deleteGroup = (id) => request('DELETE', `/messages/api/groups/${encodeURIComponent(id)}/`);
