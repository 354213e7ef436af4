# The web client's words, English: the catalog every other language follows.
# One message per sentence the client shows; `{ $name }` is filled in by the code,
# plurals choose by `{ $n -> [one] … *[other] … }` (the language's own plural rules).

account-account = Account
account-account-email-password-and-where = Account: email, password and where you are signed in
account-admin = Admin
account-admin-people-invitations-bots-and = Admin: people, invitations, bots and the audit log
account-administration = Administration
account-could-not-sign-out-message = Could not sign out: { $message }
account-desktop-notifications = Desktop notifications
account-desktop-notifications-are-on = Desktop notifications are on
account-notifications-are-blocked-in-the = Notifications are blocked in the browser (your account page says how to unblock them)
account-set-a-status = Set a status
account-sign-out = Sign out
account-sound-for-new-messages = Sound for new messages
account-sound-for-new-messages-is = Sound for new messages is on
account-this-browser-cannot-show-notifications = This browser cannot show notifications
account-turn-on-a-sound-for = Turn on a sound for new messages
account-turn-on-desktop-notifications = Turn on desktop notifications
account-your-account = Your account
account-your-profile-prefix = Your profile:
account-your-profile-username-2 = Your profile (@{ $username })
accountpage-a-confirmation-link-is-on = A confirmation link is on its way: open it while signed in here.
accountpage-change-password = Change password
accountpage-changing-it-signs-you-out = Changing it signs you out everywhere else; this browser stays signed in.
accountpage-could-not-load-your-account = Could not load your account: { $message }
accountpage-current-password = Current password
accountpage-display-name = Display name
accountpage-download-my-data = Download my data
accountpage-email = Email
accountpage-enter-a-valid-email-address = Enter a valid email address.
accountpage-enter-your-current-password = Enter your current password.
accountpage-name-and-email = Name and email
accountpage-new-password = New password
accountpage-password = Password
accountpage-password-changed = Password changed.
accountpage-password-changed-ended = Password changed. { $n ->
    [one] One other sign-in was
   *[other] { $n } other sign-ins were
  } ended.
accountpage-save = Save
accountpage-saved = Saved.
accountpage-send-a-new-link = Send a new link
accountpage-set-password = Set password
accountpage-storage-used-of-filesize-used = Storage: { $used } of { $fileSize } used.
accountpage-storage-used-used-no-limit = Storage: { $used } used (no limit).
accountpage-the-new-password-again = The new password again
accountpage-use-at-most-150-characters = Use at most 150 characters.
accountpage-your-account = Your account
accountpage-your-account-the-chats-you = Your account, the chats you are in, every message you sent and the files you uploaded, as a zip.
accountpage-your-data = Your data
accountpage-your-username-is-username-others = Your username is @{ $username }. Others see your display name instead, when you have one.
admin-administration = Administration
admin-administration-pages = Administration pages
admin-bots = Bots
admin-could-not-load-the-page = Could not load the page: { $message }
admin-loading = Loading…
admin-only-administrators-can-see-this = Only administrators can see this page.
admin-people-chats-invitations-and-audit = People, chats, invitations and audit log
adminaudit-audit-log = Audit log
adminaudit-bot-add-to-chat = { $who } added the bot { $person } to { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-bot-create = { $who } made the bot { $person }
adminaudit-bot-delete = { $who } deleted the bot { $person }
adminaudit-bot-remove-from-chat = { $who } removed the bot { $person } from { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-bot-rotate-key = { $who } made a new key for the bot { $person }
adminaudit-bot-update = { $who } changed the bot { $person }
adminaudit-chat-archive = { $who } archived { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-chat-default = { $who } marked the room “{ $title }”: newcomers start here
adminaudit-chat-not-default = { $who } unmarked the room “{ $title }”: newcomers no longer start here
adminaudit-chat-remove = { $who } deleted { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-chat-remove-member = { $who } removed { $person } from { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-chat-unarchive = { $who } unarchived { $kind ->
    [group] the group “{ $title }”
    [room] the room “{ $title }”
   *[other] the chat “{ $title }”
  }
adminaudit-could-not-read-the-audit = Could not read the audit log: { $message }
adminaudit-detail = { $key ->
    [max_uses] max uses: { $value }
    [expires_at] expires: { $value }
    [email] email: { $value }
    [first_administrator] for the first administrator
   *[other] { $key }: { $value }
  }
adminaudit-invitation-create = { $who } made the join link { $target }
adminaudit-invitation-revoke = { $who } revoked the join link { $target }
adminaudit-message-remove = { $who } removed a message by { $sender } { $kind ->
    [direct] in a direct chat
    [group] in the group “{ $title }”
    [room] in the room “{ $title }”
   *[other] in the chat “{ $title }”
  }
adminaudit-none = none
adminaudit-nothing-yet = Nothing yet.
adminaudit-older-entries = Older entries
adminaudit-other = { $who }: { $action } { $target }
adminaudit-the-command-line = The command line
adminaudit-user-confirm-email = { $who } confirmed the email address of { $person }
adminaudit-user-deactivate = { $who } deactivated { $person }
adminaudit-user-demote = { $who } removed { $person } as administrator
adminaudit-user-password-reset = { $who } made a password-reset link for { $person }
adminaudit-user-promote = { $who } made { $person } an administrator
adminaudit-user-reactivate = { $who } reactivated { $person }
adminaudit-user-set-password = { $who } set the password of { $person }
adminbots-a-bot-cannot-sign-in = A bot cannot sign in. Programs post as it through its hook URLs (Slack’s incoming-webhook format).
adminbots-add = Add
adminbots-add-username-to-a-group = Add @{ $username } to a group or room of yours
adminbots-bot-key = Bot key
adminbots-bots = Bots
adminbots-cancel = Cancel
adminbots-could-not-add-it-message = Could not add it: { $message }
adminbots-could-not-list-the-bots = Could not list the bots: { $message }
adminbots-could-not-load-the-page = Could not load the page: { $message }
adminbots-could-not-remove-it-from = Could not remove it from { $name }: { $message }
adminbots-delete = Delete
adminbots-delete-label-its-key-and = Delete { $label }? Its key and hook URLs stop working at once and it leaves its chats; its messages stay.
adminbots-display-name-optional = Display name (optional)
adminbots-edit-webhook = Edit webhook
adminbots-give-the-bot-a-username = Give the bot a username.
adminbots-hook-url-of-the-key = Hook URL of the key
adminbots-hook-url-of-username-in = Hook URL of @{ $username } in { $name }
adminbots-i-have-copied-it = I have copied it
adminbots-in-chats = In { $n ->
    [one] { $n } chat
   *[other] { $n } chats
  }
adminbots-in-no-chat-yet = In no chat yet
adminbots-it-lets-a-program-post = It lets a program post as the bot. A payload sent to the key’s hook URL must name its channel; each chat’s own hook URL needs none.
adminbots-kind = { $kind ->
    [group] group
    [room] room
    [direct] direct chat
   *[other] chat
  }
adminbots-kind-id = { $kind ->
    [group] Group { $id }
    [room] Room { $id }
    [direct] Direct chat { $id }
   *[other] Chat { $id }
  }
adminbots-label-was-deleted = { $label } was deleted.
adminbots-leave-it-empty-to-stop = Leave it empty to stop sending mentions anywhere.
adminbots-loading = Loading…
adminbots-made-by-username = made by @{ $username }
adminbots-made-longtime = Made { $longTime }
adminbots-make-a-new-key-for = Make a new key for { $label }? The old key and every hook URL of this bot stop working at once.
adminbots-make-bot = Make bot
adminbots-natter-posts-to-it-when = natter posts to it when someone mentions the bot or writes to it directly; its answer becomes the bot’s reply.
adminbots-new-bot = New bot
adminbots-new-key = New key
adminbots-no-bots-yet = No bots yet.
adminbots-no-other-group-or-room = No other group or room of yours
adminbots-no-outgoing-webhook-mentions-are = No outgoing webhook: mentions are not sent anywhere.
adminbots-only-administrators-can-see-this = Only administrators can see this page.
adminbots-outgoing-webhook = Outgoing webhook:{" "}
adminbots-outgoing-webhook-url-of-username = Outgoing webhook URL of @{ $username }
adminbots-outgoing-webhook-url-optional = Outgoing webhook URL (optional)
adminbots-remove = Remove
adminbots-remove-username-from-name = Remove @{ $username } from { $name }
adminbots-save = Save
adminbots-the-bot = the bot
adminbots-the-key-of-who-copy = The key of { $who }. Copy it now: it will not be shown again.
adminbots-title-kind = { $title } ({ $kind ->
    [group] group
    [room] room
   *[other] chat
  })
adminbots-username = Username
adminbots-yes-delete = Yes, delete
adminbots-yes-make-a-new-key = Yes, make a new key
adminchats-active = active { $when }
adminchats-archive = Archive
adminchats-archive-kind-title = Archive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }: { $title }
adminchats-archived = Archived
adminchats-delete = Delete
adminchats-delete-kind = Delete { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
adminchats-delete-kind-for-everyone-title = Delete { $kind ->
    [group] group
    [room] room
   *[other] chat
  } for everyone: { $title }
adminchats-delete-this-kind = Delete this { $kind ->
    [group] group
    [room] room
   *[other] chat
  }?
adminchats-everyone-who-joins-the-server = Everyone who joins the server starts in this room
adminchats-group = Group
adminchats-group-with-no-name = Group with no name
adminchats-groups-and-rooms = Groups and rooms
adminchats-members = { $n ->
    [one] { $n } member
   *[other] { $n } members
  }
adminchats-messages = { $n ->
    [one] { $n } message
   *[other] { $n } messages
  }
adminchats-more-chats = More chats
adminchats-newcomers-start-here = Newcomers start here
adminchats-newcomers-start-here-title = Newcomers start here: { $title }
adminchats-no-group-or-room-matches = No group or room matches.
adminchats-room = Room
adminchats-search-groups-and-rooms = Search groups and rooms
adminchats-title = Title
adminchats-title-is-deleted-for-all = “{ $title }” is deleted for all { $member_count } members: it leaves their lists and nobody can open it again.
adminchats-unarchive = Unarchive
adminchats-unarchive-kind-title = Unarchive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }: { $title }
adminemoji-add-emoji = Add emoji
adminemoji-added-name = Added :{ $name }:.
adminemoji-could-not-add-it-message = Could not add it: { $message }
adminemoji-could-not-load-the-emoji = Could not load the emoji: { $message }
adminemoji-could-not-remove-it-message = Could not remove it: { $message }
adminemoji-custom-emoji = Custom emoji
adminemoji-give-a-name-and-a = Give a name and a picture.
adminemoji-name = Name
adminemoji-none-yet = None yet.
adminemoji-on-this-server = On this server
adminemoji-picture-png-jpeg-gif-or = Picture (PNG, JPEG, GIF or WebP, up to 1 MB)
adminemoji-remove = Remove
adminemoji-remove-name = Remove :{ $name }:
adminemoji-removed-name-messages-that-used = Removed :{ $name }:. Messages that used it show its name.
adminemoji-used-as-name-lower-case = Used as :name: — lower-case letters, digits, _, - and +.
admininvites-1-day = 1 day
admininvites-12-hours = 12 hours
admininvites-30-days = 30 days
admininvites-30-minutes = 30 minutes
admininvites-7-days = 7 days
admininvites-could-not-list-invitations-message = Could not list invitations: { $message }
admininvites-could-not-make-the-invitation = Could not make the invitation: { $value }
admininvites-could-not-revoke-it-message = Could not revoke it: { $message }
admininvites-enter-a-whole-number-of = Enter a whole number of at least 1, or leave it empty for no limit.
admininvites-expired = Expired
admininvites-expires-after = Expires after
admininvites-expires-longtime = expires { $longTime }
admininvites-how-many-accounts-it-can = How many accounts it can make; empty for no limit.
admininvites-invitation-made-send-this-link = Invitation made. Send this link: { $describe }.
admininvites-invitation-revoked-its-link-no = Invitation revoked: its link no longer works.
admininvites-invitations = Invitations
admininvites-made-by-username = made by @{ $username }
admininvites-made-so-far = Made so far
admininvites-make-invitation = Make invitation
admininvites-never = Never
admininvites-never-expires = never expires
admininvites-none-yet = None yet.
admininvites-not-valid = Not valid
admininvites-revoke = Revoke
admininvites-revoke-invitation-code = Revoke invitation { $code }
admininvites-revoked = Revoked
admininvites-sent-by-mail = The link was sent by mail to { $list }.
admininvites-used-no-limit = used { $n ->
    [one] { $n } time
   *[other] { $n } times
  }, no limit
admininvites-used-up = Used up
admininvites-used-used-of-max-uses = used { $used } of { $max_uses }
admininvites-uses = Uses
admininvites-valid = Valid
adminpeople-active = Active
adminpeople-administrator = Administrator
adminpeople-deactivate = Deactivate
adminpeople-deactivated = Deactivated
adminpeople-email-unconfirmed = Email unconfirmed
adminpeople-last-seen-longtime = Last seen { $longTime }
adminpeople-last-seen-shorttime = last seen { $shortTime }
adminpeople-make-admin = Make admin
adminpeople-more-people = More people
adminpeople-name-username-or-email = Name, username or email
adminpeople-never-seen = never seen
adminpeople-no-mail-with-messages-goes = No mail with messages goes to this address; no import or sign-in provider matches it
adminpeople-nobody-matches = Nobody matches.
adminpeople-people = People
adminpeople-reactivate = Reactivate
adminpeople-remove-admin = Remove admin
adminpeople-reset-password = Reset password
adminpeople-search-people = Search people
adminpeople-send-link = Send this link to { $name }; it works once.
adminpeople-send-link-until = Send this link to { $name }; it works once, until { $until }.
adminpeople-the-server-sent-no-link = The server sent no link.
adminpeople-you = You
api-correct-fields = Please correct the fields marked below.
api-forbidden = You are not allowed to do that.
api-not-found = Not found.
api-offline = Cannot reach the server. Check your connection.
api-request-failed = Request failed ({ $status }).
api-server-problem = The server had a problem. Please try again.
api-sign-in = Please sign in.
api-too-large = That is too large for the server.
api-too-many-attempts = Too many attempts from your network. Try again in about a minute.
api-too-many-requests = Too many requests. Wait a moment and try again.
api-upload-cancelled = Upload cancelled.
app-chats-and-search = Chats and search
app-connecting = Connecting…
app-connection-lost-reconnecting = Connection lost — reconnecting…
app-dismiss = Dismiss
app-mentions = Mentions
app-mentions-n-unread = Mentions, { $n } unread
app-new-group = New group
app-new-message = New message
app-new-message-from-title = New message from { $title }
app-online = Online
app-open = Open
app-reminder = Reminder
app-rooms = Rooms
app-sent-a-file = sent a file
app-that-message-is-not-available = That message is not available: it was deleted, or you are not in its chat.
app-who-in-a-thread-in = { $who } in a thread in { $chat }
app-who-in-chat = { $who } in { $chat }
attachments-this-kind-cannot-be-played = { $kind ->
    [audio] This audio cannot be played here; download it instead.
   *[other] This video cannot be played here; download it instead.
  }
attachments-view-name = View { $name }
auth-a-username-needs-at-least = A username needs at least one character that is not a digit.
auth-code-from-your-authenticator-app = Code from your authenticator app (or a recovery code)
auth-create-account = Create account
auth-create-an-account = Create an account
auth-create-your-account = Create your account
auth-display-name-optional = Display name (optional)
auth-email = Email
auth-enter-a-valid-email-address = Enter a valid email address.
auth-enter-the-code-from-your = Enter the code from your authenticator app (or a recovery code) to finish signing in.
auth-enter-the-code-your-authenticator = Enter the code your authenticator app shows.
auth-enter-your-password = Enter your password.
auth-enter-your-username-or-email = Enter your username or email.
auth-forgot-password = Forgot password?
auth-i-already-have-an-account = I already have an account
auth-invitation-code = Invitation code
auth-new-accounts-come-from-an = New accounts come from an administrator of this server.
auth-new-here = New here?{" "}
auth-password = Password
auth-sign-in = Sign in
auth-sign-in-to-natter = Sign in to natter
auth-that-code-is-wrong-expired = That code is wrong, expired or already used.
auth-this-server-has-no-account = This server has no account yet. Its first administrator signs up with the link in the server's log ("the first administrator signs up at …"); everyone else needs an invitation from them.
auth-this-server-is-by-invitation = This server is by invitation: ask an administrator of it for a join link, then open it to create your account.
auth-use-1-150-letters-digits = Use 1-150 letters, digits or @ . + - _ characters.
auth-use-at-least-8-characters = Use at least 8 characters.
auth-use-at-most-150-characters = Use at most 150 characters.
auth-username = Username
auth-username-or-email = Username or email
auth-wrong-username-or-password = Wrong username or password.
auth-you-were-invited-to-natter = You were invited to natter. Choose a username and password to create your account.
auth-your-account-was-created-but = Your account was created, but signing in failed: { $message }
call-call-controls = Call controls
call-call-title = Call · { $title }
call-name-you = { $name } (you)
call-camera-off = camera off
call-camera-off-2 = Camera off
call-camera-off-turn-on = Camera off: turn on
call-camera-on-turn-off = Camera on: turn off
call-close = Close
call-connecting = connecting…
call-connection-lost = connection lost…
call-could-not-connect = could not connect
call-leave-the-call = Leave the call
call-microphone-off = microphone off
call-microphone-off-2 = Microphone off
call-microphone-off-turn-on = Microphone off: turn on
call-microphone-on-turn-off = Microphone on: turn off
call-minimise-the-call-it-goes = Minimise the call (it goes on)
call-share-your-screen = Share your screen
call-stop-sharing-your-screen = Stop sharing your screen
callbar-call-in-progress-names = Call in progress: { $names }
callbar-join-call = Join call
callbar-return-to-call = Return to call
callbar-you-are-in-a-call = You are in a call with { $names }
callbar-you-are-in-a-call-2 = You are in a call, waiting for others
callbar-you-are-in-this-call = You are in this call in another tab, with { $names }
callbar-you-are-in-this-call-2 = You are in this call in another tab
callrecord-caller-called-duration-with-names = { $caller } called · { $duration } · with { $names }
callrecord-caller-started-a-call-in = { $caller } started a call · in progress
callrecord-floor-h-value-min = { $floor } h { $value } min
callrecord-missed-call-from-caller = Missed call from { $caller }
callrecord-someone = Someone
callrecord-you = You
callrecord-you-mid = you
callrecord-you-called-no-one-answered = You called · no one answered
calls-could-not-connect-to-someone = Could not connect to someone in the call; this server has no TURN relay configured, so people on different networks may not reach each other.
calls-could-not-connect-to-someone-2 = Could not connect to someone in the call, even through the server's relay. Check your network and try joining again.
calls-could-not-reach-the-server-that = Could not reach the server that carries this call's sound and picture. Check your network and try joining again.
calls-joining-the-call = Joining the call…
calls-reconnecting-to-the-call = Reconnecting to the call…
calls-screen-sharing-was-cancelled-or = Screen sharing was cancelled or is not allowed here.
calls-someone = Someone
calls-starting-your-microphone-and-camera = Starting your microphone and camera…
calls-this-call-is-full-it = This call is full: it already has as many people as this server allows in one call. Try again when someone leaves.
calls-value-people-in-the-call = { $value } people in the call
calls-waiting-for-others-to-join = Waiting for others to join…
calls-waiting-for-the-connection-to = Waiting for the connection to the server…
calls-who-declined = { $who } declined
calls-who-declined-the-call = { $who } declined the call
calls-who-is-calling-you = { $who } is calling you
calls-who-started-a-call-in = { $who } started a call in { $chatTitle }
calls-you-are-no-longer-in = You are no longer in this chat, so you have left its call.
chat-archived = {" "}· archived
chat-are-typing = { $names } and { $last } are typing…
chat-back-to-chats = Back to chats
chat-chat-details-and-members = Chat details and members
chat-conversation = Conversation
chat-could-not-load-messages-message = Could not load messages: { $message }
chat-could-not-load-older-messages = Could not load older messages: { $message }
chat-could-not-react-message = Could not react: { $message }
chat-delete = Delete
chat-delete-this-message = Delete this message?
chat-direct-message = Direct message
chat-group = Group
chat-it-is-deleted-for-everyone = It is deleted for everyone in this chat. This cannot be undone.
chat-kind-members = { $kind } · { $n ->
    [one] { $n } member
   *[other] { $n } members
  }
chat-loading-messages = Loading messages…
chat-loading-older-messages = Loading older messages…
chat-messages = Messages
chat-name-says = { $name }: { $text }
chat-name-sent-a-file = { $name } sent a file
chat-no-messages-yet-say-hello = No messages yet. Say hello!
chat-pick-a-chat-find-someone = Pick a chat, find someone, or join a room.
chat-remove-for-everyone = Remove for everyone
chat-remove-this-message = Remove this message?
chat-room = Room
chat-saved-find-it-under-saved = Saved. Find it under Saved.
chat-several-people-are-typing = Several people are typing…
chat-showing-from = Showing the message from { $name }
chat-showing-from-you = Showing your message
chat-start-of-the-conversation = Start of the conversation
chat-start-or-join-a-call = Start or join a call
chat-that-message-is-not-in = That message is not in this chat any more, or is too far back to load.
chat-the-message-by-username-is = The message by { $userName } is removed for everyone in this chat: "removed by an administrator" stays in its place. This cannot be undone.
chat-this-chat-is-archived-you = This chat is archived: you can read it, but nobody can post in it.
chat-value-is-typing = { $value } is typing…
chat-you = You
chatinfo-add-people = Add people
chatinfo-admin = admin
chatinfo-name-you = { $name } (you)
chatinfo-administrator = Administrator:
chatinfo-archive-kind = Archive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
chatinfo-chattitle-is-deleted-for-all = “{ $chatTitle }” is deleted for all { $value } members: it leaves their lists and nobody can open it again.
chatinfo-could-not-add-username = Could not add { $userName }: { $message }
chatinfo-could-not-archive = Could not archive: { $message }
chatinfo-could-not-leave = Could not leave: { $message }
chatinfo-could-not-load-the-details = Could not load the details: { $message }
chatinfo-could-not-remove-username = Could not remove { $userName }: { $message }
chatinfo-could-not-unarchive = Could not unarchive: { $message }
chatinfo-delete-kind = Delete { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
chatinfo-delete-kind-for-everyone = Delete { $kind ->
    [group] group
    [room] room
   *[other] chat
  } for everyone
chatinfo-delete-this-kind = Delete this { $kind ->
    [group] group
    [room] room
   *[other] chat
  }?
chatinfo-give-the-kind-a-name = Give the { $kind ->
    [group] group
    [room] room
   *[other] chat
  } a name.
chatinfo-leave-kind = Leave { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
chatinfo-loading = Loading…
chatinfo-members-length = Members ({ $length })
chatinfo-name-of-the-kind = Name of the { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
chatinfo-only-admins-can-rename-the = Only admins can rename the { $kind ->
    [group] group
    [room] room
   *[other] chat
  } or add people.
chatinfo-remove-username = Remove { $userName }
chatinfo-rename = Rename
chatinfo-stay = Stay
chatinfo-unarchive-kind = Unarchive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
chatinfo-yes-leave = Yes, leave
chatlist-archived = Archived
chatlist-archived-read-only = Archived: read only
chatlist-chats = Chats
chatlist-could-not-load-chats-message = Could not load chats: { $message }
chatlist-direct = Direct
chatlist-direct-messages = Direct messages
chatlist-file-name = File: { $name }
chatlist-group = Group
chatlist-groups = Groups
chatlist-loading-chats = Loading chats…
chatlist-mentions-of-you = { $n ->
    [one] { $n } mention
   *[other] { $n } mentions
  } of you
chatlist-muted = Muted
chatlist-muted-no-notifications = Muted: no notifications
chatlist-no-chats-yet-find-someone = No chats yet. Find someone above, create a group or join a room.
chatlist-no-messages-yet = No messages yet
chatlist-picture-name = Picture: { $name }
chatlist-room = Room
chatlist-rooms = Rooms
chatlist-star-title = Star { $title }
chatlist-star-title-keep-it-at = Star { $title }: keep it at the top
chatlist-starred = Starred
chatlist-starred-kept-at-the-top = Starred: kept at the top. Take the star away from { $title }
chatlist-unread = { $n ->
    [one] { $n } unread message
   *[other] { $n } unread messages
  }
chatlist-unread-natter = ({ $unread }) natter
chatlist-unread-quiet = { $n ->
    [one] { $n } unread message, quiet
   *[other] { $n } unread messages, quiet
  }
chatlist-you = You
chatlist-you-were-mentioned = You were mentioned
chatpresence-it-is-local-time-for = {" "}(it is { $local_time } for them)
chatpresence-it-is-local-time-for-2 = It is { $local_time } for { $name }.
chatpresence-name-is-in-quiet-hours = { $name } is in quiet hours{ $at }: they get no notification now and will see your message later.
chatpresence-status-words = Status: { $words }.
combobox-nothing-found = Nothing found.
combobox-results = { $n ->
    [one] { $n } result
   *[other] { $n } results
  }
composer-attach-a-file = Attach a file
composer-attachments = Attachments
composer-cancel-uploading-name = Cancel uploading { $name }
composer-failed-error = (failed: { $error })
composer-insert-an-emoji = Insert an emoji
composer-insert-emoji = Insert emoji
composer-message = Message
composer-not-sent-message = Not sent: { $message }
composer-remove-name = Remove { $name }
composer-send = Send
composer-the-server-gave-the-file = the server gave the file no id
composer-uploading-name = Uploading { $name }
composer-uploading-pct = (uploading… { $pct }%)
composer-write-a-message = Write a message
confirm-cancel = Cancel
dom-chat-id = Chat { $id }
dom-close = Close
dom-name-deactivated = { $name } (deactivated)
dom-n-more = { $n } more
dom-room-id = Room { $id }
dom-someone = Someone
dom-value-kb = { $value } KB
dom-value-mb = { $value } MB
emojicomplete-emoji = Emoji
emojipicker-arrow-keys-move-enter-picks = Arrow keys move, Enter picks, Escape closes
emojipicker-category = { $category ->
    [Smileys] Smileys
    [People] People
    [Nature] Animals & nature
    [Food] Food & drink
    [Activities] Activities
    [Travel] Travel & places
    [Objects] Objects
    [Symbols] Symbols
   *[other] { $category }
  }
emojipicker-custom = Custom
emojipicker-n-emoji-match = { $n } emoji match
emojipicker-no-emoji-match-that-name = No emoji match that name.
emojipicker-search-emoji = Search emoji
emojipicker-search-emoji-by-name = Search emoji by name
finder-chats = Chats
finder-chats-they-are-in = Chats they are in
finder-could-not-join-name-message = Could not join { $name }: { $message }
finder-could-not-start-the-chat = Could not start the chat: { $message }
finder-direct = Direct
finder-group = Group
finder-members-join = { $n ->
    [one] { $n } member
   *[other] { $n } members
  } · join
finder-nobody-found = Nobody found.
finder-people = People
finder-room = Room
finder-rooms-to-join = Rooms to join
finder-search-chats-rooms-and-people = Search chats, rooms and people
finder-search-chats-rooms-people = Search chats, rooms, people
firstday-a-direct-chat-is-just = A direct chat is just you and one other person.{" "}
firstday-browse-the-rooms = Browse the rooms
firstday-dismiss = Dismiss
firstday-everyone-who-joins-starts-in = Everyone who joins starts in the rooms marked "Newcomers start here" there.
firstday-go-to-invitations = Go to invitations
firstday-groups-are-private-only-the = Groups are private: only the people added to them see them.{" "}
firstday-or = {" "}or{" "}
firstday-rooms-are-open-conversations-anyone = Rooms are open conversations anyone here can find and join, one per team or topic.{" "}
firstday-see-who-is-here = see who is here
firstday-the-shield-at-the-top = (the shield at the top right), under Invitations, and send its link.{" "}
firstday-to-say-hello = {" "}to say hello.
firstday-welcome-you-are-in-no = Welcome! You are in no chat yet.{" "}
firstday-you-run-this-server-to = You run this server. To bring your team in, make an invitation on the Administration page{" "}
forgot-back-to-sign-in = Back to sign in
forgot-enter-your-username-or-email = Enter your username or email.
forgot-forgot-your-password = Forgot your password?
forgot-if-that-account-exists-and = If that account exists and has an email address, a mail with a link is on its way.
forgot-send-me-a-link = Send me a link
forgot-the-link-lets-you-choose = The link lets you choose a new password.
forgot-they-make-one-on-the = they make one on the Admin page, under People, with "Reset password".{" "}
forgot-this-server-sends-no-mail = This server sends no mail. Ask an administrator of this server for a reset link:{" "}
forgot-username-or-email = Username or email
forgot-we-mail-a-link-to = We mail a link to choose a new password to the address of your account.
formathelp-a-block-of-code = a block of code
formathelp-a-link = a link
formathelp-a-list = a list
formathelp-a-quote = a quote
formathelp-a-that-stays-a = a * that stays a *
formathelp-bold-ctrl-b = bold (Ctrl+B)
formathelp-bold-syntax = {"*"}*bold**
formathelp-formatting = Formatting
formathelp-formatting-help = Formatting help
formathelp-italic-ctrl-i = italic (Ctrl+I)
formathelp-messages-are-sent-as-typed = Messages are sent as typed; natter shows the formatting.
forms-the-two-passwords-differ = The two passwords differ.
forms-use-at-least-8-characters = Use at least 8 characters.
groupdialog-add-at-least-one-person = Add at least one person.
groupdialog-add-people = Add people
groupdialog-create-group = Create group
groupdialog-give-the-group-a-name = Give the group a name.
groupdialog-group-name = Group name
groupdialog-members = Members
groupdialog-new-group = New group
groupdialog-remove-username = Remove { $userName }
groupsdirectory-add-people-to-handle = Add people to @{ $handle }
groupsdirectory-design-team = Design team
groupsdirectory-give-the-group-a-handle = Give the group a handle.
groupsdirectory-groups = Groups
groupsdirectory-loading = Loading…
groupsdirectory-loading-groups = Loading groups…
groupsdirectory-make-group = Make group
groupsdirectory-members = Members
groupsdirectory-mention-a-group-with-and = Mention a group with @ and its handle: its members in that chat are notified.
groupsdirectory-name = Name
groupsdirectory-no-groups-yet = No groups yet.
groupsdirectory-people = { $n ->
    [one] { $n } person
   *[other] { $n } people
  }
groupsdirectory-remove-handle = Remove @{ $handle }
groupsdirectory-take-username-out-of-handle = Take { $userName } out of @{ $handle }
groupsdirectory-handle-example = design
history-new-messages = New messages
inviteemails-email-addresses-separated-by-commas = Email addresses, separated by commas or new lines (at most { $MAX_EMAILS }); each gets the join link by mail.
inviteemails-give-at-most-max-emails = Give at most { $MAX_EMAILS } addresses (you gave { $length }).
inviteemails-not-addresses = { $n ->
    [one] This is not an email address
   *[other] These are not email addresses
  }: { $list }.
inviteemails-send-the-link-to-optional = Send the link to (optional)
inviteemails-example-addresses = ana@example.org, ben@example.org
levels-all-messages = All messages
levels-mentions-only = Mentions only
levels-nothing-muted = Nothing (muted)
linkpreviews-remove-preview = Remove preview
main-loading = Loading…
main-natter-could-not-start-message = natter could not start: { $message }
main-sign-in-to-the-account = Sign in to the account to confirm its email address.
main-try-again = Try again
main-you-are-already-signed-in = You are already signed in, so the invitation was not used.
main-you-are-offline-natter-cannot = You are offline: natter cannot reach its server. It will start by itself once it can.
main-your-email-address-is-confirmed = Your email address is confirmed.
main-your-email-address-was-not = Your email address was not confirmed: { $message }
main-your-new-password-is-set = Your new password is set. Sign in with it.
matrixapps-element-fluffychat-nheko = Element (web and desktop), FluffyChat and nheko: type the address exactly as it is shown.
matrixapps-element-x-neochat = Element X and NeoChat: they sign in only over https, so natter must be served behind TLS (its own certificate, or a proxy in front of it) with its Matrix server name as its host. NeoChat asks for your Matrix ID and finds the server from it.
matrixapps-homeserver-address = Homeserver address
matrixapps-intro = Matrix apps open the same chats, direct messages and threads. In the app, change the homeserver to this address, then sign in with your natter username and password, or with single sign-on.
matrixapps-matrix-id = Matrix ID
matrixapps-not-https = This page is served over plain http, so Element X and NeoChat cannot sign in here yet: ask an administrator to serve natter over https.
matrixapps-use-natter-in-an-app = Use natter in an app
matrixapps-what-each-app-needs = What each app needs
matrixsso-an-app-asks = An app asks to sign in to natter as { $name } (@{ $username }).
matrixsso-an-app-asks-username = An app asks to sign in to natter as @{ $username }.
matrixsso-an-app-at-origin-asks = An app at { $origin } asks to sign in to natter as { $name } (@{ $username }).
matrixsso-an-app-at-origin-asks-username = An app at { $origin } asks to sign in to natter as @{ $username }.
matrixsso-cancel = Cancel
matrixsso-continue = Continue
matrixsso-continue-only-if-you-started = Continue only if you started this sign-in yourself, in that app. The app can then read and send messages as you.
matrixsso-continue-only-if-you-trust = Continue only if you started this sign-in yourself, in an app you trust, and expect to be sent back to { $place }. Anyone can give an app any name, “Element” too: natter does not check names. The app can then read and send messages as you.
matrixsso-open-natter = Open natter
matrixsso-registered-here = Registered here
matrixsso-registered-less-than-a-day = This app was registered here { $when }, less than a day ago. An app you have used for a while was registered long before: if you did not just add this app yourself, someone may be passing their app off as another.
matrixsso-sends-you-back-to = You are sent back to
matrixsso-sign-in-to-an-app = Sign in to an app
matrixsso-the-name-the-app-gives = The name the app gives itself (not checked)
matrixsso-the-server-did-not-say = The server did not say where to send you. Try again.
matrixsso-the-website-the-app-names = The website the app names (not checked)
matrixsso-this-sign-in-has-ended = This sign-in has ended or was already allowed. Start it again from the app.
matrixsso-you-are-sent-back-to = You are sent back to the app, which finishes signing you in. You can close this page, or open natter here.
media-this-browser-cannot-use-a = This browser cannot use a microphone or camera here (a secure connection is needed).
media-your-camera-is-not-available = Your camera is not available; you are in the call with sound only.
media-your-microphone-and-camera-are = Your microphone and camera are not available; others will not hear or see you.
mentionpicker-group-notifies = Group: { $name }, { $n ->
    [one] { $n } person
   *[other] { $n } people
  }; notifies those in this chat
mentionpicker-notifies-everyone-in-this-chat = Notifies everyone in this chat who was active in the last 5 minutes
mentionpicker-notifies-everyone-in-this-chat-2 = Notifies everyone in this chat
mentionpicker-people-in-this-chat = People in this chat
mentions-chat-chat-id = Chat { $chat_id }
mentions-could-not-list-more-mentions = Could not list more mentions: { $message }
mentions-could-not-list-your-mentions = Could not list your mentions: { $message }
mentions-could-not-mark-them-read = Could not mark them read: { $message }
mentions-group-of = { $name }: a group of { $n ->
    [one] { $n } person
   *[other] { $n } people
  }
mentions-load-more = Load more
mentions-loading = Loading…
mentions-mark-all-read = Mark all read
mentions-mentions = Mentions
mentions-messages-that-mention-you = Messages that mention you
mentions-n-unread = { $n ->
    [one] { $n } unread mention
   *[other] { $n } unread mentions
  }
mentions-nobody-has-mentioned-you-yet = Nobody has mentioned you yet.
mentions-open-the-thread = Open the thread
mentions-reply = Reply
mentions-reply-in-a-thread = Reply in a thread
message-a-bot-its-messages-are = A bot: its messages are sent by a program
message-a-message-cannot-be-empty = A message cannot be empty. Delete it instead.
message-bot = BOT
message-cancel = Cancel
message-delete = Delete
message-delete-as-administrator = Delete as administrator
message-edit = Edit
message-edit-message = Edit message
message-edited = (edited)
message-escape-closes = Escape closes
message-heart = heart
message-laughing = laughing
message-more = More…
message-more-reactions = More reactions
message-pick-a-reaction = Pick a reaction
message-react = React
message-react-with-name = React with { $name }
message-reply = Reply
message-reply-in-thread = Reply in thread
message-sad = sad
message-save = Save
message-seen-by = Seen by { $names }
message-seen-by-n-more = { $n } more
message-sent = Sent
message-surprised = surprised
message-thumbs-up = thumbs up
message-you = You
message-you-joined = You joined
message-name-joined = { $name } joined
message-party = party
message-reaction-count = { $emoji } { $count }
message-reaction-count-names = { $emoji } { $count }: { $names }
messagelinks-sent-a-file = sent a file
missedmail-1-hour = 1 hour
missedmail-10-minutes = 10 minutes
missedmail-after = After{" "}
missedmail-could-not-save-it-message = Could not save it: { $message }
missedmail-email-me-about-mentions-and = Email me about mentions and direct messages I miss
missedmail-hours = { $n ->
    [one] { $n } hour
   *[other] { $n } hours
  }
missedmail-mail-about-what-you-miss = Mail about what you miss
missedmail-minutes = { $n ->
    [one] { $n } minute
   *[other] { $n } minutes
  }
missedmail-saved-mail-after-spoken = Saved: mail after { $spoken }.
missedmail-saved-no-mail-about-what = Saved: no mail about what you miss.
missedmail-saved-you-get-a-mail = Saved: you get a mail about what you miss.
missedmail-seconds = { $n ->
    [one] { $n } second
   *[other] { $n } seconds
  }
missedmail-sent-to-your-email-address = Sent to your email address when a mention or direct message is still unread after { $after }; at most one mail every { $after }.
missedmail-spoken-the-server-s-setting = { $spoken } (the server's setting)
msgmore-copy-link = Copy link
msgmore-link-copied = Link copied
msgmore-link-to-this-message = Link to this message
msgmore-message-link = message link
msgmore-more-actions = More actions
msgmore-people-in-this-chat-who = People in this chat who open it see the message; anyone else is told it is not available.
msgmore-pin-to-this-chat = Pin to this chat
msgmore-pinned = Pinned
msgmore-save-for-later = Save for later
msgmore-unpin-from-this-chat = Unpin from this chat
msgsearch-also-after-on = also after:, on:
msgsearch-chat = Chat
msgsearch-image-link-reaction-pin = image, link, reaction, pin
msgsearch-in-a-direct-chat = in a direct chat
msgsearch-in-a-room = in a room
msgsearch-messages = Messages
msgsearch-no-messages-found = No messages found
msgsearch-or-is-saved = or is:saved
msgsearch-people = People
msgsearch-rooms = Rooms
msgsearch-search-messages = Search messages
msgsearch-search-messages-2 = Search messages ( / )
msgsearch-search-operators = Search operators
msgsearch-sent-by = sent by
msgsearch-without-it = without it
msgsearch-you = You
newmessage-add-at-least-one-person = Add at least one person.
newmessage-could-not-open-the-chat = Could not open the chat: { $message }
newmessage-new-message = New message
newmessage-one-person-your-direct-chat = One person: your direct chat with them. Several: a group of you all, named after its members.
newmessage-open-chat = Open chat
newmessage-open-group-of-value = Open group of { $value }
newmessage-remove-username = Remove { $userName }
newmessage-to = To
newmessage-to-a-name-or-username = To: a name or username
notice-you-were-signed-out-sign = You were signed out. Sign in again to continue.
notify-notifications-are-blocked-for-this = Notifications are blocked for this site. To unblock them, open the site's settings{" "}
notify-push-unavailable-in-this-browser = Push unavailable in this browser: { $missing }.
notify-pushes-arrive-even-with-natter = Pushes arrive even with natter closed.
notify-subscribing-this-browser-to-pushes = Subscribing this browser to pushes…
notify-the-icon-left-of-the = (the icon left of the address), allow notifications, and reload the page.
notify-this-browser-cannot-show-notifications = This browser cannot show notifications.
notifylevel-could-not-change-it-message = Could not change it: { $message }
notifylevel-default-value = Default ({ $value })
notifylevel-notify-me = Notify me
notifylevel-saved-value = Saved: { $value }.
notifylevel-saving = Saving…
notifyprompt-get-notified-of-new-messages = Get notified of new messages when natter is in the background? You can change this later with the bell at the top.
notifyprompt-not-now = Not now
notifyprompt-turn-on-notifications = Turn on notifications
notifysettings-allowed-you-are-notified-of = Allowed: you are notified of messages in chats you are not looking at.
notifysettings-blocked-blocked = Blocked. { $BLOCKED }
notifysettings-each-chat-s-details-say = Each chat's details say what it notifies you of: all messages, mentions only, or nothing.
notifysettings-notifications-on-this-device = Notifications on this device
notifysettings-off-allowed-by-the-browser = Off (allowed by the browser).
notifysettings-off-turn-them-on-and = Off. Turn them on and the browser will ask you to allow them.
notifysettings-turn-off = Turn off
notifysettings-turn-on = Turn on
notifysettings-unsupported-this-browser-cannot-show = Unsupported: this browser cannot show notifications.
page-back-to-chats = Back to chats
page-copied = Copied.
page-copy = Copy
page-copy-label = Copy { $label }
page-could-not-list-more-what = { $what ->
    [people] Could not list more people: { $message }
    [chats] Could not list more groups and rooms: { $message }
    [audit] Could not list older entries: { $message }
   *[other] Could not list more: { $message }
  }
page-could-not-list-what-message = { $what ->
    [people] Could not list people: { $message }
    [chats] Could not list groups and rooms: { $message }
   *[other] Could not list them: { $message }
  }
page-link-to-send = Link to send
page-search = Search
page-selected-press-ctrl-c-or = Selected: press Ctrl+C (or ⌘C) to copy.
page-action-on-whom = { $action }: { $whom }
people-administrator = Administrator
people-could-not-open-the-chat = Could not open the chat: { $message }
people-everyone-here = Everyone here
people-everyone-on-this-server-message = Everyone on this server. "Message" opens your direct chat with them.
people-in-quiet-hours-no-notifications = In quiet hours: no notifications now
people-last-seen-relativetime = last seen { $relativeTime }
people-local-time-local-time = { $local_time } local time
people-message = Message
people-message-name = Message { $name }
people-more-people = More people
people-name = Name
people-nobody-matches = Nobody matches.
people-not-seen-yet = not seen yet
people-people = People
people-people-everyone-on-this-server = People: everyone on this server
people-quiet-hours = Quiet hours
people-search-people-by-name = Search people by name
people-you = You
pins-could-not-list-the-pinned = Could not list the pinned messages: { $message }
pins-loading = Loading…
pins-nothing-is-pinned-here-yet = Nothing is pinned here yet. Pin a message from its menu.
pins-pinned-by-username = pinned by { $userName }
pins-pinned-count = { $n ->
    [one] { $n } pinned message
   *[other] { $n } pinned messages
  }
pins-pinned-messages = Pinned messages
pins-sent-a-file = sent a file
profile-choose-an-image = Choose an image
profile-choose-an-image-file-png = Choose an image file (PNG, JPEG, GIF or WebP).
profile-could-not-remove-the-picture = Could not remove the picture: { $message }
profile-could-not-save-the-picture = Could not save the picture: { $message }
profile-display-name = Display name
profile-picture = Picture
profile-picture-removed = Picture removed.
profile-picture-saved = Picture saved.
profile-remove-picture = Remove picture
profile-save-name = Save name
profile-saved-others-now-see-you = Saved. Others now see you as { $userName }.
profile-shown-to-others-instead-of = Shown to others instead of @{ $username }.
profile-the-server-did-not-name = the server did not name the upload
profile-uploading = Uploading…
profile-your-profile = Your profile
providers-accounts-elsewhere-that-sign-you = Accounts elsewhere that sign you in here.
providers-could-not-load-your-sign = Could not load your sign-in providers: { $message }
providers-it-cannot-be-reached-right = It cannot be reached right now; try again in a minute.
providers-label-is-unavailable = { $label } is unavailable
providers-label-unlinked = { $label } unlinked.
providers-link-label = Link { $label }
providers-or-with-your-username-and = or with your username and password:
providers-set-a-password-or-link = Set a password or link another provider first.
providers-sign-in-providers = Sign-in providers
providers-sign-in-with-label = Sign in with { $label }
providers-unlink = Unlink
providers-cancel = Cancel
providers-code-from-the-app = Code from the app (or a recovery code)
providers-confirm-to-link = To link { $label }, confirm it is you.
providers-continue-to-label = Continue to { $label }
providers-current-password = Current password
providers-enter-your-password-or = Enter your password or a code.
providers-or-a-code = Or a code from the app (or a recovery code)
providers-recent-sign-in-links = Your account has no password: linking { $label } needs a sign-in less than 10 minutes old.
pushsub-its-push-service-did-not = its push service did not answer
pushsub-no-notifications = no notifications
pushsub-no-push-api = no Push API
pushsub-no-service-workers = no service workers
pushsub-push-unavailable-in-this-browser = Push unavailable in this browser: { $missing }.
pushsub-push-unavailable-in-this-browser-2 = Push unavailable in this browser: the service worker could not start.
pushsub-push-unavailable-in-this-browser-3 = Push unavailable in this browser: { $value }.
pushsub-push-unavailable-message = Push unavailable: { $message }
pushsub-push-unavailable-on-this-server = Push unavailable on this server.
pushsub-push-unavailable-the-server-refused = Push unavailable: the server refused the subscription ({ $message })
quietsettings-1-hour = 1 hour
quietsettings-2-hours = 2 hours
quietsettings-24-hours = 24 hours
quietsettings-30-minutes = 30 minutes
quietsettings-8-hours = 8 hours
quietsettings-friday = Friday
quietsettings-label-quiet-from = { $label }: quiet from
quietsettings-label-quiet-until = { $label }: quiet until
quietsettings-monday = Monday
quietsettings-notifications-are-back-on = Notifications are back on.
quietsettings-notifications-paused-until = Notifications paused until { $until }.
quietsettings-pause-for = Pause for
quietsettings-pause-notifications = Pause notifications
quietsettings-quiet-hours = Quiet hours
quietsettings-quiet-hours-could-not-be = Quiet hours could not be read.
quietsettings-quiet-hours-saved = Quiet hours saved.
quietsettings-quiet-on = Quiet on
quietsettings-resume-notifications = Resume notifications
quietsettings-saturday = Saturday
quietsettings-save-quiet-hours = Save quiet hours
quietsettings-sunday = Sunday
quietsettings-thursday = Thursday
quietsettings-time-zone = Time zone
quietsettings-tuesday = Tuesday
quietsettings-wednesday = Wednesday
quietsettings-while-quiet-no-push-mail = While quiet, no push, mail or ringing reaches you. Messages still arrive and count as unread; others see that you are in quiet hours.
quietsettings-you-are-in-quiet-hours = You are in quiet hours now: no push, mail or ringing reaches you.
quietsettings-zone-example = Europe/London
readplace-jump-to-first-unread = Jump to first unread
readplace-new-below = { $n ->
    [one] 1 new message below
   *[other] { $n } new messages below
  }
replybar-cancel-the-reply-escape = Cancel the reply (Escape)
replybar-replying-to = Replying to{" "}
replybar-yourself = yourself
replyquote-a-message = a message
replyquote-in-reply-to = In reply to { $name }: { $excerpt }. Show the original
replyquote-show-the-original-message = Show the original message
reset-choose-a-new-password = Choose a new password
reset-new-password = New password
reset-set-password = Set password
reset-sign-in-instead = Sign in instead
reset-the-same-password-again = The same password again
reset-use-at-least-8-characters = Use at least 8 characters. Signing in anywhere else ends when you set it.
ringing-answer = Answer
ringing-caller-is-calling-you = { $caller } is calling you
ringing-caller-started-a-call-in = { $caller } started a call in { $chatTitle }
ringing-decline = Decline
ringing-incoming-call = Incoming call
rooms-could-not-load-rooms-message = Could not load rooms: { $message }
rooms-create-room = Create room
rooms-description-optional = Description (optional)
rooms-full = Full
rooms-give-the-room-a-name = Give the room a name.
rooms-join = Join
rooms-join-a-room = Join a room
rooms-loading-rooms = Loading rooms…
rooms-members = { $n ->
    [one] { $n } member
   *[other] { $n } members
  }
rooms-more-rooms = More rooms
rooms-new-room-name = New room name
rooms-no-public-rooms-yet = No public rooms yet.
rooms-open = Open
rooms-or-start-one = Or start one
rooms-private = {" "}· private
rooms-rooms = Rooms
rooms-you-are-in-it = {" "}· you are in it
roomsettings-archive-kind = Archive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
roomsettings-archived-it-is-read-only = Archived, it is read-only for everyone.
roomsettings-archived-read-only-for-everyone = Archived: read-only for everyone.
roomsettings-could-not-archive = Could not archive: { $message }
roomsettings-could-not-unarchive = Could not unarchive: { $message }
roomsettings-purpose = Purpose
roomsettings-save-topic-and-purpose = Save topic and purpose
roomsettings-topic-shown-under-the-name = Topic (shown under the name; everyone is told)
roomsettings-unarchive-kind = Unarchive { $kind ->
    [group] group
    [room] room
   *[other] chat
  }
saved-a-chat = a chat
saved-could-not-list-more = Could not list more saved messages: { $message }
saved-more-saved-messages = More saved messages
saved-at-a-time-i-choose = At a time I choose…
saved-change-reminder = Change reminder
saved-choose-a-day-and-a = Choose a day and a time.
saved-could-not-list-your-saved = Could not list your saved messages: { $message }
saved-could-not-remove-it-message = Could not remove it: { $message }
saved-in-1-hour = In 1 hour
saved-in-20-minutes = In 20 minutes
saved-in-3-hours = In 3 hours
saved-loading = Loading…
saved-no-reminder = No reminder
saved-nothing-saved-save-a-message = Nothing saved. Save a message from its menu to find it here.
saved-only-you-see-your-saved = Only you see your saved messages: find them under Saved.
saved-remind-me = Remind me
saved-reminded-longtime = Reminded { $longTime }
saved-reminder = Reminder
saved-reminder-longtime = Reminder { $longTime }
saved-reminder-of = Reminder: { $name }: { $words }
saved-reminder-time = Reminder time
saved-remove = Remove
saved-save = Save
saved-save-for-later = Save for later
saved-saved = Saved
saved-saved-messages = Saved messages
saved-sent-a-file = sent a file
saved-this-message-is-not-available = This message is not available: you are no longer in its chat, or it was deleted.
saved-tomorrow-at-9-00 = Tomorrow at 9:00
sendlater-a-chat-you-left = a chat you left
sendlater-dismiss = Dismiss
sendlater-failed-refused = it was refused
sendlater-failed-note = A scheduled message was not sent: { $why }
sendlater-a-direct-chat = a direct chat
sendlater-cancel-sending = Cancel sending
sendlater-cancelled = Cancelled
sendlater-date-and-time = Date and time
sendlater-edit = Edit
sendlater-message = Message
sendlater-monday-at-9-00 = Monday at 9:00
sendlater-not-scheduled-why = Not scheduled: { $why }
sendlater-not-sent = Not sent: { $why }
sendlater-nothing-scheduled = Nothing scheduled.
sendlater-refused = refused
sendlater-save = Save
sendlater-schedule-at-this-time = Schedule at this time
sendlater-scheduled-for-shown = Scheduled for { $shown }.
sendlater-scheduled-messages = Scheduled messages…
sendlater-scheduled-messages-2 = Scheduled messages
sendlater-send-later = Send later
sendlater-sends-shown = Sends { $shown }
sendlater-sent-shown = Sent { $shown }
sendlater-state-in-where = { $state } · in { $where }
sendlater-tomorrow-at-9-00 = Tomorrow at 9:00
sendlater-write-the-message-first-then = Write the message first, then choose when to send it.
sessions-an-app-or-script-signed = An app or script, signed in with a key
sessions-matrix-app = A Matrix app: { $name }
sessions-could-not-end-it-message = Could not end it: { $message }
sessions-could-not-list-your-sign = Could not list your sign-ins: { $message }
sessions-end-button = End
sessions-end-label = End { $kind ->
    [session] web browser
    [token] an app or script, signed in with a key
   *[other] sign-in
  }, { $when }
sessions-sign-in = Sign-in
sessions-sign-in-time-unknown = sign-in time unknown
sessions-signed-in-longtime = signed in { $longTime }
sessions-signed-out-there = Signed out there.
sessions-this-browser = This browser
sessions-web-browser = Web browser
sessions-where-you-are-signed-in = Where you are signed in
signinerrors-label-cannot-be-reached-right = { $label } cannot be reached right now; try again in a minute.
signinerrors-label-did-not-accept-the = { $label } did not accept the sign-in code (it may have expired or been used already); start again.
signinerrors-label-refused-the-sign-in = { $label } refused the sign-in.
signinerrors-label-s-answer-could-not = { $label }'s answer could not be verified, so natter did not sign you in.
signinerrors-sign-in-again-then-link = Sign in again, then link the provider.
signinerrors-sign-in-first-then-link = Sign in first, then link the provider from your account page.
signinerrors-sign-in-with-label-was = Sign-in with { $label } was cancelled.
signinerrors-signing-in-failed-try-again = Signing in failed; try again.
signinerrors-that-invitation-is-invalid-used = That invitation is invalid, used up or expired.
signinerrors-that-label-account-is-already = That { $label } account is already linked to another account here.
signinerrors-that-sign-in-link-has = That sign-in link has expired or was not started in this browser; start again.
signinerrors-that-sign-in-provider-is = That sign-in provider is not configured here.
signinerrors-this-account-is-deactivated = This account is deactivated.
signinerrors-too-many-unfinished-sign-ins = Too many unfinished sign-ins from your network; try again in a minute.
signinerrors-your-account-already-has-a = Your account already has a { $label } account linked; unlink it first.
signinerrors-your-label-account-is-not = Your { $label } account is not linked to an account here, and new accounts come from an administrator.
signinerrors-your-label-account-is-not-2 = Your { $label } account is not linked to an account here. Open your invitation link first, or sign in with your password and link { $label } from your account page.
signinerrors-your-sign-in-provider = your sign-in provider
statuses-in-a-call = in a call
statuses-status-words = Status: { $words }
statuspicker-1-hour = 1 hour
statuspicker-30-minutes = 30 minutes
statuspicker-appear-away = Appear away
statuspicker-choose-a-date = Choose a date
statuspicker-clear-after = Clear after
statuspicker-clear-on-this-date = Clear on this date
statuspicker-clear-status = Clear status
statuspicker-commuting = Commuting
statuspicker-don-t-clear = Don't clear
statuspicker-emoji = Emoji
statuspicker-in-a-meeting = In a meeting
statuspicker-on-holiday = On holiday
statuspicker-out-sick = Out sick
statuspicker-save = Save
statuspicker-set-a-status = Set a status
statuspicker-status = Status
statuspicker-suggestions = Suggestions
statuspicker-this-week = This week
statuspicker-today = Today
statuspicker-what-s-your-status = What's your status?
statuspicker-working-remotely = Working remotely
text-file-1 = File: $1
text-an-encrypted-message-open-it = An encrypted message: open it in a Matrix app to read it.
text-removed-by-an-administrator = removed by an administrator
thread-also-send = Also send to { $title }
thread-also-send-room = Also send to #{ $title }
thread-also-send-to-the-chat = Also send to the chat
thread-be-told-of-new-replies = Be told of new replies in this thread
thread-close-the-thread = Close the thread
thread-could-not-change-following-message = Could not change following: { $message }
thread-could-not-load-older-replies = Could not load older replies: { $message }
thread-could-not-load-the-thread = Could not load the thread: { $message }
thread-first-message = First message
thread-follow = Follow
thread-following = Following
thread-following-this-thread = Following this thread
thread-loading-the-thread = Loading the thread…
thread-no-longer-following-this-thread = No longer following this thread
thread-no-replies-yet-start-the = No replies yet. Start the thread below.
thread-replies = { $n ->
    [one] { $n } reply
   *[other] { $n } replies
  }
thread-replies-label = Replies
thread-reply = Reply…
thread-reply-in-thread = Reply in thread
thread-show-older-replies = Show older replies
thread-the-first-message-of-this = The first message of this thread was deleted.
thread-this-thread-is-not-there = This thread is not there any more.
thread-thread = Thread
thread-you-are-told-of-new = You are told of new replies here. Press to stop following
threads-a-chat = a chat
threads-could-not-list-more-threads = Could not list more threads: { $message }
threads-could-not-list-your-threads = Could not list your threads: { $message }
threads-load-more = Load more
threads-loading = Loading…
threads-the-first-message-was-deleted = The first message was deleted.
threads-threads = Threads
threads-threads-you-follow = Threads you follow
threads-unread-label = Threads, { $n } unread { $n ->
    [one] reply
   *[other] replies
  }
threads-unread-replies = { $n } unread { $n ->
    [one] reply
   *[other] replies
  }
threads-you-follow-no-thread-yet = You follow no thread yet. Threads you start, reply in or are mentioned in are followed, and so is any you press Follow on.
threadsummary-from = {" "}from { $names }
threadsummary-open-the-thread = Open the thread
threadsummary-last-reply-relativetime = Last reply { $relativeTime }
time-just-now = just now
time-today = Today
time-yesterday = Yesterday
topicline-you-set-the-topic = You set the topic: { $topic }
topicline-name-set-the-topic = { $name } set the topic: { $topic }
topicline-you-cleared-the-topic = You cleared the topic
topicline-name-cleared-the-topic = { $name } cleared the topic
twofactor-administrators-of-this-server-must = Administrators of this server must turn this on before using the Admin page.
twofactor-after-your-password-natter-also = After your password, natter also asks for a code from an authenticator app on your phone{" "}
twofactor-code-from-the-app = Code from the app
twofactor-code-from-the-app-or = Code from the app (or a recovery code)
twofactor-copied = Copied.
twofactor-copy = Copy
twofactor-could-not-load-two-factor = Could not load two-factor sign-in: { $message }
twofactor-current-password = Current password
twofactor-download = Download
twofactor-downloaded = Downloaded.
twofactor-each-code-signs-you-in = Each code signs you in once, in place of a code from your authenticator app.
twofactor-enter-a-code = Enter a code.
twofactor-enter-the-code-the-app = Enter the code the app shows.
twofactor-enter-your-current-password = Enter your current password.
twofactor-google-authenticator-authy-1password-freeotp = (Google Authenticator, Authy, 1Password, FreeOTP…), so a stolen password is not enough.
twofactor-i-have-kept-them = I have kept them
twofactor-if-you-lose-your-phone = if you lose your phone. They are not shown again.
twofactor-keep-these-recovery-codes-somewhere = Keep these recovery codes somewhere safe. Each one signs you in once, in place of a code,{" "}
twofactor-keep-this-file-somewhere-safe = Keep this file somewhere safe, away from your phone.
twofactor-key = Key:{" "}
twofactor-natter-recovery-codes-for-host = natter recovery codes for { $host }
twofactor-off = Off.
twofactor-on = On.
twofactor-on-codes-left = On. { $n ->
    [one] { $n } recovery code
   *[other] { $n } recovery codes
  } left.
twofactor-qr-code-for-your-authenticator = QR code for your authenticator app
twofactor-scan-this-with-your-authenticator = Scan this with your authenticator app, or type the key below into it, then enter the code it shows.
twofactor-selected-press-ctrl-c-or = Selected: press Ctrl+C (or ⌘C) to copy.
twofactor-set-up-two-factor-sign = Set up two-factor sign-in
twofactor-turn-off = Turn off
twofactor-turn-on = Turn on
twofactor-two-factor-sign-in = Two-factor sign-in
viewer-close-escape = Close (Escape)
viewer-download = Download
viewer-download-2 = {" "}Download
viewer-download-label = Download { $label }
viewer-full-size = Full size
viewer-image = Image
viewer-next-image-right-arrow = Next image (Right arrow)
viewer-position-of-count = { $position } of { $count }
viewer-previous-image-left-arrow = Previous image (Left arrow)
viewer-this-image-could-not-be = This image could not be shown. Try the Download link.
whojoins-to-admit-people-by-invitation = To admit people by invitation only, start natter with --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-admit-people-by-join = To admit people by join link, start natter with --registration invite (NATTER_REGISTRATION=invite).
whojoins-to-let-anyone-in-start = To let anyone in, start natter with --registration open (NATTER_REGISTRATION=open).
languagesettings-title = Language
languagesettings-label = Show natter in
languagesettings-browser = The browser's language
languagesettings-hint = Mail from natter is written in it too. Messages stay as their writers wrote them.
languagesettings-could-not-read = Could not read your language: { $message }
languagesettings-could-not-save = Could not save the language: { $message }
accountpage-email-confirmed = Your email address is confirmed.
accountpage-email-unconfirmed = Your email address is unconfirmed: until you open the link mailed to it, it gets no mail about messages, and no import or sign-in provider matches it.
whojoins-open = Open to anyone: whoever reaches this server's address can create an account, with or without a join link.
whojoins-invite = By invitation: only people with a valid join link can create an account.
whojoins-closed = Closed: nobody can create an account here, join links included; accounts come from natter create-user.
formathelp-italic-syntax = {"*"}italic* or _italic_
formathelp-code = code
formathelp-code-syntax = `code`
formathelp-block-syntax = ```  (lines between)  ```
formathelp-link-syntax = {"["}text](https://…)
formathelp-list-syntax = - item  or  1. item
formathelp-quote-syntax = > quote
statuses-away = away
dom-user-id = user { $id }
dom-value-b = { $value } B
adminaudit-person-id = person { $id }
adminaudit-someone = someone
adminpeople-stored = { $size } stored
attachments-image-id = image { $id }
attachments-media-id = { $kind ->
    [audio] audio { $id }
   *[other] video { $id }
  }
attachments-file-id = file { $id }
attachments-file-kind = FILE
callrecord-seconds = { $s } s
callrecord-minutes = { $m } min
mentions-to = to { $name }
mentions-to-you = to you
mentions-unread = unread
mentions-in = in { $where }
threads-unread = { $n } unread
