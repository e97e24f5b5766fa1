// The authenticator app's side of the second factor, for the browser tests: the 6-digit code for
// a base32 key (RFC 6238: HMAC-SHA1 over 30-second steps, truncated as in RFC 4226). Written
// apart from the server's code on purpose, so a mistake in one does not hide in both.
'use strict';

const crypto = require('node:crypto');

const kAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const kStepSeconds = 30;

function base32Decode(text) {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = kAlphabet.indexOf(ch);
    if (index < 0) throw new Error(`not a base32 key: ${JSON.stringify(text)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The step (30-second count since the epoch) of a time in milliseconds.
function stepAt(milliseconds) {
  return Math.floor(milliseconds / 1000 / kStepSeconds);
}

function codeForStep(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', base32Decode(key)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, '0');
}

// An app that remembers the last step it gave a code for: the server takes each code once, and
// one step of drift ahead, so a second sign-in within the same 30 seconds uses the next step's.
class Authenticator {
  constructor(key) {
    this.key = key;
    this.lastStep = -1;
  }

  nextCode() {
    const step = Math.max(stepAt(Date.now()), this.lastStep + 1);
    this.lastStep = step;
    return codeForStep(this.key, step);
  }
}

module.exports = { base32Decode, codeForStep, stepAt, Authenticator };
