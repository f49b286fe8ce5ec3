// Building HTML as strings without ever letting user text become markup. Every value
// interpolated into the `html` template is escaped by `escapeHtml` unless it is already
// SafeHtml (markup this module built). Channel, column, file names and notes are user text:
// they only ever reach the document through here, so `<img src=x onerror=…>` as a channel
// name shows up as text (OWASP XSS Prevention Cheat Sheet, rule #1 and #2: encode &, <, >, ",
// ' in element content and quoted attribute values).

/** Markup that is already safe to insert (built by this module or by `html`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The one escaping function: text content and double- or single-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/** Tagged template: literal parts are trusted markup, every interpolation is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Joins fragments (each escaped unless SafeHtml) with an optional separator. */
export function joinHtml(parts: HtmlValue[], separator = ''): SafeHtml {
  return new SafeHtml(parts.map(render).join(separator));
}
