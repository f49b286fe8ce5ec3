// Escaping and the CSP hash: the two things that keep the report inert. The hash is checked
// against node:crypto (an independent SHA-256), across the padding boundaries of FIPS 180-4.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, html, joinHtml, SafeHtml } from '../../src/report/html';
import { base64, cspHash, sha256 } from '../../src/report/sha256';

describe('escapeHtml and the html template', () => {
  it('encodes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert(1)">&'`)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
  });

  it('escapes every interpolation, keeps SafeHtml, flattens arrays, drops null/false', () => {
    const evil = '<script>alert(1)</script>';
    const out = html`<p title="${evil}">${evil}${html`<b>${'&'}</b>`}${[1, '<', null]}${false}</p>`;
    expect(out.value).toBe('<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>&amp;</b>1&lt;</p>');
    expect(joinHtml(['<a>', new SafeHtml('<br>')], '|').value).toBe('&lt;a&gt;|<br>');
  });

  it('never lets a string produce a tag or end a quoted attribute (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 64 }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        // Decoding gives the original back: nothing is lost, only encoded.
        expect(e.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toBe(s);
      }),
    );
  });
});

describe('SHA-256 for the CSP hash source', () => {
  const nodeHash = (b: Uint8Array) => createHash('sha256').update(b).digest();

  it('matches FIPS 180-4 examples', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(new Uint8Array(0)))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('matches node:crypto on every length 0..200 (padding boundaries 55/56/64) and on long input', () => {
    for (let n = 0; n <= 200; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 255);
      expect(Buffer.from(sha256(b)).equals(nodeHash(b))).toBe(true);
    }
    const big = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 2654435761) >>> 24);
    expect(Buffer.from(sha256(big)).equals(nodeHash(big))).toBe(true);
  });

  it('base64 matches Buffer, and cspHash hashes the UTF-8 bytes', () => {
    for (let n = 0; n < 10; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => 250 - i);
      expect(base64(b)).toBe(Buffer.from(b).toString('base64'));
    }
    const css = 'body{font:15px system-ui}/* ü → ✓ */';
    expect(cspHash(css)).toBe(`'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`);
  });
});
