-- A chat's picture, as its admins (or either person of a direct chat) set it: a file's
-- download path as a profile `image` names one (`/api/files/<id>/download/`), empty for
-- none. Matrix apps show it as the room's `m.room.avatar`; the file stays readable by
-- those who may see the chat and is never swept as unattached.
ALTER TABLE chats ADD COLUMN image TEXT NOT NULL DEFAULT '';
