#!/usr/bin/env node
// Parse a tilsyn .ics with ical.js (Mozilla's parser, used by Thunderbird)
// and check it against the JSON plan.
//
// usage: check_icaljs.mjs ICS_FILE PLAN_JSON_FILE
//
// ical.js is loaded from node_modules next to this script (install it with
// `npm ci --prefix tests/ics`), so the script works from any directory.
// Exit codes: 0 ok, 1 check failed, 2 usage / setup / unreadable input.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const NAME = 'ical.js';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const MAX_REPORTED = 25;

function die(msg, code = 2) {
  console.error(`check_icaljs: error: ${msg}`);
  process.exit(code);
}

const args = process.argv.slice(2);
if (args.length !== 2) die('usage: check_icaljs.mjs ICS_FILE PLAN_JSON_FILE');
const [icsPath, jsonPath] = args;

const pkgDir = path.join(HERE, 'node_modules', 'ical.js');
let ICAL, icalVersion;
try {
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  icalVersion = pkg.version;
  const entry = pkg.exports?.import ?? pkg.module ?? pkg.main;
  ICAL = (await import(pathToFileURL(path.join(pkgDir, entry)).href)).default;
} catch (e) {
  die(`cannot load ical.js from ${pkgDir} (${e.message}); ` +
      `run: npm ci --prefix ${HERE}`);
}

let bytes, plan;
try {
  bytes = readFileSync(icsPath);
} catch (e) {
  die(`cannot read ${icsPath}: ${e.message}`);
}
try {
  plan = JSON.parse(readFileSync(jsonPath, 'utf8'));
} catch (e) {
  die(`cannot read plan JSON ${jsonPath}: ${e.message}`);
}
if (!Array.isArray(plan.occurrences)) die(`${jsonPath}: no "occurrences" array`);

const problems = [];
const fail = (msg) => problems.push(msg);

function finish() {
  if (problems.length) {
    console.error(`check_icaljs: FAIL: ${icsPath}: ${problems.length} problem(s) (ical.js ${icalVersion})`);
    for (const m of problems.slice(0, MAX_REPORTED)) console.error(`  ${m}`);
    if (problems.length > MAX_REPORTED) console.error(`  ... and ${problems.length - MAX_REPORTED} more`);
    process.exit(1);
  }
}

let text;
try {
  // strict: invalid UTF-8 is an error, not U+FFFD; a BOM is passed through
  text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
} catch (e) {
  fail(`not valid UTF-8: ${e.message}`);
  finish();
}

let jcal;
try {
  jcal = ICAL.parse(text);
} catch (e) {
  fail(`ICAL.parse rejected the file: ${e.message}`);
  finish();
}
if (!Array.isArray(jcal) || typeof jcal[0] !== 'string') {
  // ICAL.parse returns an array of components when the input holds several
  fail(`expected exactly one top-level component, got ${Array.isArray(jcal) ? jcal.length : typeof jcal}`);
  finish();
}

const cal = new ICAL.Component(jcal);
if (cal.name !== 'vcalendar') fail(`top-level component is ${cal.name}, expected vcalendar`);
if (cal.getFirstPropertyValue('version') !== '2.0') {
  fail(`VERSION is ${JSON.stringify(cal.getFirstPropertyValue('version'))}, expected "2.0"`);
}
if (!cal.getFirstPropertyValue('prodid')) fail('PRODID missing');

// What the year's changes dropped is published too, as cancelled.
const cancelled = Array.isArray(plan.cancelled) ? plan.cancelled : [];
const wanted = new Map();
for (const o of plan.occurrences) wanted.set(o.uid, { ...o, status: 'CONFIRMED' });
for (const o of cancelled) wanted.set(o.uid, { ...o, status: 'CANCELLED' });

const events = cal.getAllSubcomponents('vevent');
const seen = new Map();
let alarms = 0;

events.forEach((ev, i) => {
  const uid = ev.getFirstPropertyValue('uid');
  const where = `VEVENT #${i + 1}${uid ? ` (${uid})` : ''}`;
  if (typeof uid !== 'string' || uid.trim() === '') {
    fail(`${where}: UID missing or empty`);
  } else if (seen.has(uid)) {
    fail(`${where}: duplicate UID (also VEVENT #${seen.get(uid) + 1})`);
  } else {
    seen.set(uid, i);
  }

  const dtstamp = ev.getFirstPropertyValue('dtstamp');
  if (!dtstamp) fail(`${where}: DTSTAMP missing`);
  else if (dtstamp.zone !== ICAL.Timezone.utcTimezone) fail(`${where}: DTSTAMP ${dtstamp} is not UTC`);

  const dtstart = ev.getFirstPropertyValue('dtstart');
  const dtend = ev.getFirstPropertyValue('dtend');
  if (!dtstart) {
    fail(`${where}: DTSTART missing`);
  } else if (!dtstart.isDate) {
    fail(`${where}: DTSTART ${dtstart.toString()} is a DATE-TIME, expected a DATE`);
  } else {
    if (!dtend) {
      fail(`${where}: DTEND missing`);
    } else {
      const next = dtstart.clone();
      next.addDuration(ICAL.Duration.fromData({ days: 1 }));
      if (!dtend.isDate) fail(`${where}: DTEND ${dtend.toString()} is not a DATE`);
      else if (dtend.compare(next) !== 0) {
        fail(`${where}: DTEND ${dtend.toString()} is not the day after DTSTART ${dtstart.toString()}`);
      }
    }
    const occ = typeof uid === 'string' ? wanted.get(uid) : undefined;
    if (occ && dtstart.toString() !== occ.planned_date) {
      fail(`${where}: DTSTART ${dtstart.toString()} but the plan's planned_date is ${occ.planned_date}`);
    }
  }

  const want = typeof uid === 'string' ? wanted.get(uid) : undefined;
  if (want) {
    const status = ev.getFirstPropertyValue('status') || 'CONFIRMED';
    if (status !== want.status) fail(`${where}: STATUS ${status}, the plan says ${want.status}`);
    const sequence = ev.getFirstPropertyValue('sequence') || 0;
    if (sequence !== (want.sequence ?? 0)) fail(`${where}: SEQUENCE ${sequence}, the plan says ${want.sequence ?? 0}`);
    if (want.status === 'CANCELLED' && ev.getAllSubcomponents('valarm').length) {
      fail(`${where}: a cancelled event with an alarm`);
    }
  }

  const summary = ev.getFirstPropertyValue('summary');
  if (typeof summary !== 'string' || summary.trim() === '') fail(`${where}: SUMMARY missing or empty`);

  for (const alarm of ev.getAllSubcomponents('valarm')) {
    alarms++;
    const trigger = alarm.getFirstPropertyValue('trigger');
    if (!(trigger instanceof ICAL.Duration)) {
      fail(`${where}: VALARM TRIGGER ${trigger} is not a duration`);
    } else if (!trigger.isNegative || trigger.toSeconds() >= 0) {
      fail(`${where}: VALARM TRIGGER ${trigger.toString()} is not negative (alarm would fire after the start)`);
    }
    if (!alarm.getFirstPropertyValue('action')) fail(`${where}: VALARM without ACTION`);
  }
});

if (events.length !== plan.occurrences.length + cancelled.length) {
  fail(`${events.length} VEVENTs but ${plan.occurrences.length} occurrences and ${cancelled.length} cancelled in the plan`);
}
const missing = [...wanted.keys()].filter((u) => !seen.has(u));
const extra = [...seen.keys()].filter((u) => !wanted.has(u));
if (missing.length) fail(`${missing.length} plan UID(s) have no VEVENT, e.g. ${missing.slice(0, 3).join(', ')}`);
if (extra.length) fail(`${extra.length} VEVENT UID(s) are not in the plan, e.g. ${extra.slice(0, 3).join(', ')}`);

finish();
console.log(`${NAME} ${icalVersion}: ${events.length} events ok (${alarms} alarm${alarms === 1 ? '' : 's'})`);
