// User text (cells, column and channel names, file names) reaches the terminal inside our
// messages. Control characters in it could drive the terminal: ESC sequences clear the
// screen, rewrite earlier lines or set the window title (the "terminal escape injection"
// class, e.g. CVE-2003-0063). The CLI writes only printable text, newlines and tabs itself,
// so every other C0/C1 control character is shown as a visible \xNN escape instead.

// C0 controls except \t (09) and \n (0a), DEL, and C1 controls.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function safeForTerminal(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Routes every string written to `stream` through safeForTerminal (bytes pass unchanged). */
export function guardStream(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? safeForTerminal(chunk) : chunk, ...rest)) as typeof stream.write;
}
