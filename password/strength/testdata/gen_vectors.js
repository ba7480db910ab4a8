// gen_vectors.js generates the zxcvbn compatibility corpus: a
// deterministic set of passwords of many kinds, scored by the real npm
// package zxcvbn@4.4.2 with the reference year pinned to 2017.
//
// Usage (see README.md):
//
//	npm install zxcvbn@4.4.2        # in a temporary directory
//	NODE_PATH=<that dir>/node_modules node gen_vectors.js vectors.jsonl.gz
//
// Output: gzip'd JSON lines {"password","guesses","score","sequence"}
// where sequence is [[pattern, i, j, detail], ...] with detail the
// dictionary name, keyboard graph, sequence name or regex name ("" else).
'use strict';

// Pin the reference year: zxcvbn reads REFERENCE_YEAR from
// new Date().getFullYear() when scoring.js is loaded.
const REF_TIME = Date.UTC(2017, 6, 1, 12, 0, 0);
const RealDate = Date;
class FakeDate extends RealDate {
  constructor(...a) { if (a.length === 0) { super(REF_TIME); } else { super(...a); } }
  static now() { return REF_TIME; }
}
global.Date = FakeDate;

const zlib = require('zlib');
const fs = require('fs');
const zxcvbn = require('zxcvbn');
const lists = require('zxcvbn/lib/frequency_lists');
const graphs = require('zxcvbn/lib/adjacency_graphs');

if (require('zxcvbn/lib/scoring').REFERENCE_YEAR !== 2017) {
  throw new Error('reference year not pinned');
}

// mulberry32: small deterministic PRNG.
let seed = 0x5eed2017;
function rnd() {
  seed |= 0; seed = (seed + 0x6D2B79F5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const ri = (n) => Math.floor(rnd() * n);
const pick = (a) => a[ri(a.length)];
const chance = (p) => rnd() < p;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const DIGITS = '0123456789';
const SYMBOLS = '!@#$%^&*()-_=+[]{};:\'",.<>/?\\|`~ ';
const randStr = (alphabet, n) => { const cs = Array.from(alphabet); let s = ''; for (let k = 0; k < n; k++) s += cs[ri(cs.length)]; return s; };
const word = (list, maxRank) => lists[list][ri(Math.min(maxRank || lists[list].length, lists[list].length))];
const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
const L33T = { a: ['4', '@'], b: ['8'], c: ['(', '{', '[', '<'], e: ['3'], g: ['6', '9'], i: ['1', '!', '|'], l: ['1', '|', '7'], o: ['0'], s: ['$', '5'], t: ['+', '7'], x: ['%'], z: ['2'] };
function leet(w, p) { return w.split('').map((c) => (L33T[c] && chance(p) ? pick(L33T[c]) : c)).join(''); }
function randCaps(w, p) { return w.split('').map((c) => (chance(p) ? c.toUpperCase() : c)).join(''); }
const suffix = () => pick(['', '1', '12', '123', '!', '1!', '2017', '99', '007', '@', '#1', '2020', '88', '69', '.', '_']);
const year = () => String(pick([1950 + ri(70), 1990 + ri(40), 2000 + ri(27)]));

function walk(graphName, n, shiftP) {
  const g = graphs[graphName];
  const keys = Object.keys(g);
  let c = pick(keys);
  let s = c;
  let dir = ri(6);
  for (let k = 1; k < n; k++) {
    const adj = g[c];
    if (chance(0.3)) dir = ri(adj.length);
    let nb = adj[dir];
    let tries = 0;
    while (!nb && tries++ < 10) { dir = ri(adj.length); nb = adj[dir]; }
    if (!nb) break;
    c = nb.length > 1 && chance(shiftP) ? nb[1] : nb[0];
    s += c;
  }
  return s;
}

function sequence() {
  const kinds = [LOWER, UPPER, DIGITS, 'あいうえおかきくけこさしすせそ', 'αβγδεζηθικλμνξοπ', 'абвгдежзийклмноп'];
  const alpha = pick(kinds);
  const step = pick([1, 1, 1, 2, 3, 5, -1, -1, -2]);
  const n = 3 + ri(10);
  let start = ri(alpha.length);
  let s = '';
  for (let k = 0; k < n; k++) {
    const idx = start + k * step;
    if (idx < 0 || idx >= alpha.length) break;
    s += alpha[idx];
  }
  if (s.length < 2) s = alpha.slice(0, 4);
  return chance(0.3) ? s + suffix() : s;
}

function repeat() {
  const base = pick([
    () => randStr(LOWER, 1), () => randStr(LOWER + DIGITS, 2 + ri(3)), () => word('passwords', 500),
    () => randStr(DIGITS, 1 + ri(3)), () => randStr(SYMBOLS, 1), () => walk('qwerty', 3, 0), () => cap(word('english_wikipedia', 2000)),
  ])();
  const times = 2 + ri(5);
  let s = base.repeat(times);
  if (chance(0.2)) s = word('passwords', 1000) + s;
  if (chance(0.2)) s += suffix();
  return s;
}

function date() {
  const d = 1 + ri(31), m = 1 + ri(12), y = 1900 + ri(151);
  const pad = (v) => (chance(0.5) && v < 10 ? '0' + v : String(v));
  const yy = chance(0.5) ? String(y) : String(y % 100).padStart(2, '0');
  const sep = pick(['', '', '/', '-', '.', '_', ' ', '\\']);
  const order = pick([[pad(d), pad(m), yy], [pad(m), pad(d), yy], [yy, pad(m), pad(d)]]);
  let s = order.join(sep);
  if (chance(0.3)) s = pick([word('passwords', 2000), word('female_names', 1000), cap(word('male_names', 500))]) + s;
  if (chance(0.2)) s += pick(['!', '#', '*']);
  return s;
}

function yearPw() {
  return pick([
    () => cap(word('passwords', 3000)) + year() + pick(['', '!', '@', '#']),
    () => year(),
    () => word('english_wikipedia', 5000) + year(),
    () => pick(['Admin', 'admin', 'Password', 'Summer', 'Winter', 'Spring', 'Autumn', 'Tokyo', 'Osaka', 'Welcome']) + String(2010 + ri(17)) + pick(['', '!', '?', '#', '1']),
    () => year() + word('surnames', 3000),
  ])();
}

function names() {
  const n = pick([word('female_names'), word('male_names'), word('surnames')]);
  return pick([n, cap(n), n + year().slice(2), cap(n) + suffix(), n + pick(['', '.', '_']) + word('surnames', 2000), n.toUpperCase()]);
}

function randomPw() {
  const classes = [LOWER, UPPER + LOWER, DIGITS, LOWER + DIGITS, UPPER + LOWER + DIGITS, UPPER + LOWER + DIGITS + SYMBOLS, SYMBOLS, 'abcdef0123456789'];
  const n = chance(0.97) ? 1 + ri(32) : 33 + ri(48);
  return randStr(pick(classes), n);
}

function unicodePw() {
  const hira = 'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわをん';
  const kata = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンー';
  const kanji = '日本東京大阪山田田中佐藤鈴木高橋伊渡辺愛心夢花桜空海星月光春夏秋冬';
  const misc = ['café', 'naïve', 'Müller', 'straße', 'pässwörd', 'пароль', 'Пароль123', 'κωδικός', 'contraseña', 'mañana1', 'ÅngströmÅ', 'Ωmega', 'éééééé', 'çava?'];
  const emoji = ['🔑', '😀', '🐱', '🍣', '❤️', '👍', '🎉', '🗾'];
  const combining = () => pick(['a', 'e', 'o', 'A', 'n']) + '\u0300\u0301\u0302\u0308\u0303'.slice(0, 1 + ri(5)) + randStr(LOWER + DIGITS, ri(8));
  return pick([
    () => randStr(hira, 1 + ri(12)), () => randStr(kata, 1 + ri(12)), () => randStr(kanji, 1 + ri(8)),
    () => randStr(hira + kata + kanji + DIGITS, 2 + ri(14)), () => pick(misc) + suffix(),
    () => word('passwords', 2000) + randStr(kanji, 1 + ri(3)), () => randStr(emoji.join(''), 1 + ri(6)),
    () => pick(emoji).repeat(1 + ri(5)), () => combining(), () => 'パスワード' + year(), () => 'ｐａｓｓｗｏｒｄ' + suffix(),
    () => '１２３４５６' + randStr(hira, ri(4)), () => randStr('\u3000 　ａｂｃ', 3 + ri(5)),
  ])();
}

function mac(sepStyle) {
  const h = []; for (let k = 0; k < 6; k++) h.push(randStr('0123456789abcdef', 2));
  const up = chance(0.5);
  let s;
  switch (sepStyle) {
    case 0: s = h.join(':'); break;
    case 1: s = h.join('-'); break;
    case 2: s = h[0] + h[1] + '.' + h[2] + h[3] + '.' + h[4] + h[5]; break;
    case 3: s = h.join(''); break;
    default: s = h.join('').slice(-ri(2) * 2 - 4);
  }
  return up ? s.toUpperCase() : s;
}

function device() {
  const vendors = ['cisco', 'yamaha', 'nec', 'buffalo', 'iodata', 'elecom', 'netgear', 'tplink', 'huawei', 'juniper', 'fortinet', 'panasonic', 'brother', 'canon', 'ricoh', 'sharp', 'fujitsu', 'hitachi', 'aterm', 'allied'];
  return pick([
    () => pick(['admin', 'root', 'password', 'default', 'guest', 'user', 'support', 'service', 'manager', 'operator', 'cisco', 'enable', 'private', 'public', 'changeme', '1234', '0000', '12345', 'admin123', 'Admin@123', 'P@ssw0rd', 'PlsChgMe!', 'system', 'setup']),
    () => mac(ri(5)),
    () => pick(vendors) + pick(['', '123', '1', '!', '2017', '@admin', '_admin']),
    () => cap(pick(vendors)) + randStr(DIGITS, 2 + ri(4)),
    () => pick(['RTX', 'rtx', 'NVR', 'ix', 'WXR-', 'WG', 'Aterm', 'FG-', 'SRX', 'MX']) + randStr(DIGITS, 3 + ri(3)),
    () => pick(['SN', 'S/N', 'FCZ', 'JAE', 'Z4A', '']) + randStr(UPPER + DIGITS, 6 + ri(8)),
    () => pick(['office', 'router', 'gw', 'core', 'edge', 'pbx', 'fax', 'mfp']) + pick(['-', '', '_']) + pick(['tokyo', 'osaka', 'nagoya', 'hq', '01', 'branch2', 'shibuya']) + pick(['', '-01', '1']),
    () => pick(['aterm-', 'Buffalo-G-', 'elecom2g-', 'HUMAX-', 'SSID_', '0000docomo', 'au_Wi-Fi']) + randStr('0123456789ABCDEF', 4 + ri(3)),
  ])();
}

function passphrase() {
  const n = 2 + ri(5);
  const ws = [];
  for (let k = 0; k < n; k++) ws.push(pick([word('english_wikipedia', 10000), word('us_tv_and_film', 10000), word('passwords', 5000)]));
  const sep = pick(['', ' ', '-', '_', '.']);
  let s = ws.map((w) => (chance(0.2) ? cap(w) : w)).join(sep);
  if (chance(0.3)) s += suffix();
  return s.slice(0, 70);
}

function common() { return pick([word('passwords', 200), word('passwords', 2000), word('passwords'), word('english_wikipedia', 3000)]); }

function mangled() {
  const w = pick([word('english_wikipedia', 8000), word('passwords', 5000), word('us_tv_and_film', 8000), word('surnames', 2000)]);
  return pick([
    () => leet(w, 0.6), () => cap(leet(w, 0.4)) + suffix(), () => w.toUpperCase(), () => randCaps(w, 0.3),
    () => w.split('').reverse().join(''), () => cap(w) + suffix(), () => w + w.length, () => leet(randCaps(w, 0.2), 0.5) + suffix(),
    () => w + '!' + leet(word('english_wikipedia', 3000), 0.5),
  ])();
}

function keyboard() {
  return pick([
    () => walk('qwerty', 3 + ri(12), 0.1), () => walk('qwerty', 4 + ri(8), 0.6), () => walk('dvorak', 3 + ri(10), 0.2),
    () => walk('keypad', 3 + ri(10), 0), () => walk('mac_keypad', 3 + ri(8), 0),
    () => pick(['qwerty', 'asdfgh', 'zxcvbnm', '1qaz2wsx', 'qazwsx', 'qwertyuiop', '!QAZ2wsx', 'poiuytrewq', 'asdfjkl;', '147258369', '7896541230', 'qwer1234', 'zaq12wsx', '1q2w3e4r', 'q1w2e3r4t5']) + suffix(),
  ])();
}

function mixed() {
  const parts = [common, names, date, keyboard, sequence, yearPw, device, () => randStr(LOWER + DIGITS + SYMBOLS, 1 + ri(6))];
  const n = 2 + ri(3);
  let s = '';
  for (let k = 0; k < n; k++) s += pick(parts)();
  return s.slice(0, 64);
}

const plan = [
  [common, 700], [mangled, 900], [keyboard, 450], [sequence, 300], [repeat, 350], [date, 450], [yearPw, 300],
  [names, 400], [randomPw, 1100], [unicodePw, 400], [device, 450], [passphrase, 400], [mixed, 400],
];

// Fixed cases: notable inputs from the notes and zxcvbn issues.
const fixed = [
  '', 'a', 'password', 'Password1', 'P@ssw0rd', 'correcthorsebatterystaple', 'Tr0ub4dour&3', 'zxcvbn', 'qwER43@!',
  'h179350', '🔑🔑🔑🔑', 'A\u0300\u0300HLUMoB8g3kqgpjc3', 'i love you', '7ujMko0admin', 'evanescence', 'PlsChgMe!',
  'Admin2019!', 'Admin2025!', 'Admin2016!', '1234', 'constructor1', 'aaaaaaaaaaaaaaaaaaaa', 'abcabcabcabc', '19900101', '01/01/1990',
  '12-31-99', 'asdfghjkl;', 'rWibMFACxAUGZmxhVncy', 'Ba9ZyWABu99[BK#6MBgbH88Tofv)vs$w', 'D0g..................', 'abcdefghijk987654321',
  'neverforget13/3/1997', '1qaz2wsx3edc', 'temppass22', 'briansmith', 'briansmith4mayor', 'password1', 'viking', 'thx1138',
  'ScoRpi0ns', 'do you know', 'ryanhunter2000', 'rianhunter2000', 'asdfghju7654rewq', 'AOEUIDHG&*()LS_', '12345678', 'defghi6789',
  'rosebud', 'Rosebud', 'ROSEBUD', 'rosebuD', 'ros3bud99', 'r0s3bud99', 'R0$38uD99', 'verlineVANDERMARK', 'eheuczkqyq', 'rWibMFACxAUGZmxhVncy',
];

const out = [];
const seen = new Set();
function add(pw) {
  if (seen.has(pw)) return;
  seen.add(pw);
  const r = zxcvbn(pw);
  out.push(JSON.stringify({
    password: pw,
    guesses: r.guesses,
    score: r.score,
    sequence: r.sequence.map((m) => [m.pattern, m.i, m.j, m.dictionary_name || m.graph || m.sequence_name || m.regex_name || '']),
  }));
}
fixed.forEach(add);
for (const [fn, n] of plan) {
  let made = 0, tries = 0;
  while (made < n && tries++ < n * 20) {
    const before = out.length;
    add(fn());
    if (out.length > before) made++;
  }
}
const dest = process.argv[2] || 'vectors.jsonl.gz';
fs.writeFileSync(dest, zlib.gzipSync(out.join('\n') + '\n', { level: 9 }));
console.error(`wrote ${out.length} vectors to ${dest}`);
