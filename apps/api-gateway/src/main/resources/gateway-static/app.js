// The chat page: plain JavaScript against the gateway's public API. Every text from the server is
// put in the page with textContent, never innerHTML, so a message with <script> shows as text.
"use strict";

const state = {
  token: sessionStorage.getItem("token"),
  userId: sessionStorage.getItem("userId"),
  conversations: [],
  current: null,          // the open conversation
  oldestId: null,         // the oldest message shown, for loading older ones
  loadingOlder: false,
  exhausted: false,
  picked: new Map(),      // userId -> name, for a new conversation
  names: new Map(),       // userId -> display name
  socket: null,
  typingTimers: new Map(),
  lastTypingSent: 0,
};

const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function api(method, path, body) {
  const headers = { "Accept": "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (state.token) headers["Authorization"] = "Bearer " + state.token;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && state.token) { signOut(); throw new Error("Your session ended, log in again"); }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const retry = response.headers.get("Retry-After");
    throw new Error((data && data.message ? data.message : response.statusText) + (retry ? " (retry in " + retry + " s)" : ""));
  }
  return data;
}

// --- signing in and out

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    const login = await api("POST", "/api/auth/login", { username: form.get("username"), password: form.get("password") });
    signedIn(login.token, login.userId);
  } catch (error) { $("auth-error").textContent = error.message; }
});

$("register-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new FormData(e.target);
  try {
    await api("POST", "/api/auth/register", { username: form.get("username"), password: form.get("password"), displayName: form.get("displayName") });
    const login = await api("POST", "/api/auth/login", { username: form.get("username"), password: form.get("password") });
    signedIn(login.token, login.userId);
  } catch (error) { $("auth-error").textContent = error.message; }
});

$("logout").addEventListener("click", async () => {
  try { await api("POST", "/api/auth/logout"); } catch (ignored) { /* signed out either way */ }
  signOut();
});

function signedIn(token, userId) {
  state.token = token; state.userId = userId;
  sessionStorage.setItem("token", token); sessionStorage.setItem("userId", userId);
  $("auth-error").textContent = "";
  show();
}

function signOut() {
  state.token = null; state.userId = null; state.current = null;
  sessionStorage.clear();
  if (state.socket) { state.socket.onclose = null; state.socket.close(); state.socket = null; }
  show();
}

async function show() {
  const inside = !!state.token;
  $("auth").classList.toggle("hidden", inside);
  $("chat").classList.toggle("hidden", !inside);
  $("logout").classList.toggle("hidden", !inside);
  $("notifications-button").classList.toggle("hidden", !inside);
  $("me").textContent = "";
  if (!inside) return;
  try {
    const me = await api("GET", "/api/users/" + state.userId);
    state.names.set(me.userId, me.displayName);
    $("me").textContent = me.displayName + " (@" + me.username + ")";
    connect();
    await loadConversations();
    await loadNotifications();
  } catch (error) { console.warn(error); }
}

// --- people and names

async function nameOf(userId) {
  if (state.names.has(userId)) return state.names.get(userId);
  try {
    const profile = await api("GET", "/api/users/" + encodeURIComponent(userId));
    state.names.set(userId, profile.displayName);
    return profile.displayName;
  } catch (ignored) { return "unknown"; }
}

let searchTimer = null;
$("user-search").addEventListener("input", (e) => {
  clearTimeout(searchTimer);
  const term = e.target.value.trim();
  searchTimer = setTimeout(async () => {
    const list = $("search-results");
    list.replaceChildren();
    if (!term) return;
    try {
      const users = await api("GET", "/api/users?search=" + encodeURIComponent(term));
      for (const user of users.filter((u) => u.userId !== state.userId)) {
        state.names.set(user.userId, user.displayName);
        const item = el("li", user.displayName + " (@" + user.username + ")");
        item.addEventListener("click", () => { state.picked.set(user.userId, user.displayName); renderPicked(); });
        list.append(item);
      }
    } catch (error) { console.warn(error); }
  }, 250);
});

function renderPicked() {
  const box = $("picked");
  box.replaceChildren();
  for (const [id, name] of state.picked) {
    const chip = el("span", name + " \u00d7");
    chip.title = "Remove";
    chip.addEventListener("click", () => { state.picked.delete(id); renderPicked(); });
    box.append(chip);
  }
}

$("new-conversation").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const created = await api("POST", "/api/conversations", { title: $("new-title").value, memberIds: [...state.picked.keys()] });
    state.picked.clear(); renderPicked();
    $("new-title").value = ""; $("user-search").value = ""; $("search-results").replaceChildren();
    await loadConversations();
    open(created.conversationId);
  } catch (error) { alert(error.message); }
});

// --- conversations

async function loadConversations() {
  state.conversations = await api("GET", "/api/conversations");
  const list = $("conversations");
  list.replaceChildren();
  for (const conversation of state.conversations) {
    const item = el("li");
    item.dataset.id = conversation.conversationId;
    item.classList.toggle("active", state.current && state.current.conversationId === conversation.conversationId);
    const title = el("span", conversation.title || "(untitled)");
    titleFromMembers(conversation, title);
    const badge = el("span", conversation.unreadCount > 0 ? String(conversation.unreadCount) : "", "badge");
    item.append(title, badge);
    item.addEventListener("click", () => open(conversation.conversationId));
    list.append(item);
  }
}

async function titleFromMembers(conversation, node) {
  if (conversation.title) return;
  const others = conversation.memberIds.filter((id) => id !== state.userId);
  const names = await Promise.all(others.map(nameOf));
  node.textContent = names.join(", ") || "(just you)";
}

async function open(conversationId) {
  const conversation = state.conversations.find((c) => c.conversationId === conversationId);
  if (!conversation) return;
  state.current = conversation; state.oldestId = null; state.exhausted = false;
  $("chat").classList.add("in-conversation");
  $("send-form").classList.remove("hidden");
  $("conversation-title").textContent = conversation.title || "";
  titleFromMembers(conversation, $("conversation-title"));
  $("messages").replaceChildren();
  $("typing").textContent = "";
  for (const item of $("conversations").children) item.classList.toggle("active", item.dataset.id === conversationId);
  await loadOlder();
  const list = $("messages");
  list.scrollTop = list.scrollHeight;
  renderPresence();
}

$("back").addEventListener("click", () => { $("chat").classList.remove("in-conversation"); state.current = null; loadConversations(); });

async function renderPresence() {
  const conversation = state.current;
  if (!conversation) return;
  const others = conversation.memberIds.filter((id) => id !== state.userId);
  const box = $("members");
  if (others.length === 0) { box.replaceChildren(); return; }
  try {
    const presence = await api("GET", "/api/presence?userIds=" + others.map(encodeURIComponent).join(","));
    const nodes = [];
    for (const p of presence) {
      const dot = el("span", null, "dot" + (p.online ? " online" : ""));
      dot.title = p.online ? "online" : (p.lastSeen ? "last seen " + new Date(p.lastSeen).toLocaleString() : "offline");
      nodes.push(dot, el("span", await nameOf(p.userId)));
    }
    if (state.current === conversation) box.replaceChildren(...nodes);
  } catch (error) { console.warn(error); }
}

// --- messages

function messageNode(message) {
  const item = el("li", null, message.senderId === state.userId ? "mine" : "");
  item.dataset.id = message.messageId;
  const meta = el("span", "", "meta");
  nameOf(message.senderId).then((name) => { meta.textContent = name + " \u00b7 " + new Date(message.createdAt).toLocaleTimeString(); });
  item.append(meta, document.createTextNode(message.text));
  return item;
}

async function loadOlder() {
  if (!state.current || state.loadingOlder || state.exhausted) return;
  state.loadingOlder = true;
  const conversation = state.current;
  try {
    const firstPage = !state.oldestId;
    const query = "?limit=30" + (state.oldestId ? "&before=" + state.oldestId : "");
    const page = await api("GET", "/api/conversations/" + conversation.conversationId + "/messages" + query);
    if (state.current !== conversation) return;
    if (page.length < 30) state.exhausted = true;
    const list = $("messages");
    const heightBefore = list.scrollHeight;
    for (const message of page) list.prepend(messageNode(message)); // newest first: each older one goes on top
    if (page.length > 0) {
      state.oldestId = page[page.length - 1].messageId;
      list.scrollTop += list.scrollHeight - heightBefore; // keep the reader where they were
      if (firstPage) markRead(page[0].messageId); // opening a conversation reads it up to its newest message
    }
  } catch (error) { console.warn(error); } finally { state.loadingOlder = false; }
}

$("messages").addEventListener("scroll", (e) => { if (e.target.scrollTop < 40) loadOlder(); });

async function markRead(messageId) {
  if (!state.current) return;
  try {
    await api("POST", "/api/conversations/" + state.current.conversationId + "/read", { messageId });
    const item = [...$("conversations").children].find((li) => li.dataset.id === state.current.conversationId);
    if (item) item.querySelector(".badge").textContent = "";
  } catch (error) { console.warn(error); }
}

$("send-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const input = $("text");
  const text = input.value.trim();
  if (!text || !state.current) return;
  const clientMessageId = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
  input.value = "";
  try {
    const message = await api("POST", "/api/conversations/" + state.current.conversationId + "/messages", { text, clientMessageId });
    // The message clears the typing line on the other side; the next keystroke must announce typing
    // again at once, not up to two seconds later.
    state.lastTypingSent = 0;
    append(message);
  } catch (error) { input.value = text; alert(error.message); }
});

function append(message) {
  const list = $("messages");
  if ([...list.children].some((li) => li.dataset.id === message.messageId)) return; // the event and the answer both bring it
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 60;
  list.append(messageNode(message));
  if (atBottom || message.senderId === state.userId) list.scrollTop = list.scrollHeight;
}

$("text").addEventListener("input", () => {
  const now = Date.now();
  if (!state.current || !state.socket || state.socket.readyState !== WebSocket.OPEN || now - state.lastTypingSent < 2000) return;
  state.lastTypingSent = now;
  state.socket.send(JSON.stringify({ type: "typing", conversationId: state.current.conversationId }));
});

// --- live events

function connect() {
  if (state.socket || !state.token) return;
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const socket = new WebSocket(scheme + "//" + location.host + "/ws?token=" + encodeURIComponent(state.token));
  state.socket = socket;
  let pinger = null;
  socket.onopen = () => { pinger = setInterval(() => socket.send(JSON.stringify({ type: "ping" })), 20000); };
  socket.onmessage = (e) => {
    let event;
    try { event = JSON.parse(e.data); } catch (ignored) { return; }
    onEvent(event);
  };
  socket.onclose = () => {
    clearInterval(pinger);
    state.socket = null;
    if (state.token) setTimeout(connect, 2000); // come back; missed events are in history
  };
}

function onEvent(event) {
  if (event.type === "message.created") {
    if (state.current && event.conversationId === state.current.conversationId) {
      append(event);
      if (event.senderId !== state.userId) markRead(event.messageId);
      clearTyping(event.senderId);
    } else {
      loadConversations();
    }
  } else if (event.type === "typing") {
    if (state.current && event.conversationId === state.current.conversationId && event.userId !== state.userId) showTyping(event.userId);
  } else if (event.type === "presence") {
    if (state.current && state.current.memberIds.includes(event.userId)) renderPresence();
  } else if (event.type === "notification") {
    if (!state.current || state.current.conversationId !== event.conversationId) loadNotifications();
  }
}

async function showTyping(userId) {
  const name = await nameOf(userId);
  clearTimeout(state.typingTimers.get(userId));
  state.typingTimers.set(userId, setTimeout(() => clearTyping(userId), 4000));
  state.typingNames = state.typingNames || new Map();
  state.typingNames.set(userId, name);
  renderTyping();
}

function clearTyping(userId) {
  clearTimeout(state.typingTimers.get(userId));
  state.typingTimers.delete(userId);
  if (state.typingNames) state.typingNames.delete(userId);
  renderTyping();
}

function renderTyping() {
  const names = state.typingNames ? [...state.typingNames.values()] : [];
  $("typing").textContent = names.length === 0 ? "" : names.join(", ") + (names.length === 1 ? " is typing\u2026" : " are typing\u2026");
}

// --- notifications

$("notifications-button").addEventListener("click", () => { $("notifications").classList.toggle("hidden"); loadNotifications(); });

async function loadNotifications() {
  try {
    const notifications = await api("GET", "/api/notifications");
    $("notification-count").textContent = String(notifications.filter((n) => !n.read).length);
    const list = $("notification-list");
    list.replaceChildren();
    for (const n of notifications) {
      const item = el("li", null, n.read ? "read" : "");
      const who = el("strong", "");
      nameOf(n.senderId).then((name) => { who.textContent = name + ": "; });
      item.append(who, document.createTextNode(n.text));
      item.addEventListener("click", async () => {
        try { await api("POST", "/api/notifications/" + n.notificationId + "/read"); } catch (ignored) { /* shown anyway */ }
        await loadConversations();
        open(n.conversationId);
        loadNotifications();
      });
      list.append(item);
    }
  } catch (error) { console.warn(error); }
}

show();
