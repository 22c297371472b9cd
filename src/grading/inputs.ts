/**
 * How command lines become terminal inputs. Setup, solutions, wrong attempts and submissions are
 * lists of lines; they are fed to the shell the way `netlab run` feeds a script and the terminal
 * feeds keystrokes: lines gathered until the shell says the input is complete (heredocs, loops,
 * trailing backslashes), so a heredoc may be written as one multi-line entry or as several lines.
 */

/** Split a script into the inputs a terminal would submit: lines gathered until complete. */
export function splitInputs(script: string, isComplete: (text: string) => boolean): string[] {
  const lines = script.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const inputs: string[] = [];
  let buf: string[] = [];
  for (const line of lines) {
    if (buf.length === 0 && line.trim() === '') continue;
    buf.push(line);
    const text = buf.join('\n');
    if (isComplete(text)) {
      inputs.push(text);
      buf = [];
    }
  }
  if (buf.length) inputs.push(buf.join('\n'));
  return inputs;
}

/** The script a list of command lines stands for (an entry may itself hold several lines). */
export function scriptOf(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/\n+$/, '')).join('\n') + '\n';
}
