/**
 * Submission files in the browser: from a file input, a folder input or a drop (folders walked),
 * each checked by size before it is read and by encoding after (the same rules as `netlab grade`).
 */
import { SUBMISSION_LIMITS } from '../../grading/schema';
import { decodeSubmission } from '../../grading/submission';
import type { SubmissionFile } from '../../grading/cohort';

/** The name a file is reported under: its path inside a dropped folder, else its name. */
export function displayName(file: File): string {
  return (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
}

/** Read one file as a submission (or say why not), never reading an oversized one. */
export async function readFile(file: File, name = displayName(file)): Promise<SubmissionFile> {
  if (file.size > SUBMISSION_LIMITS.bytes)
    return {
      file: name,
      error: `the file is ${file.size} bytes; a submission is at most ${SUBMISSION_LIMITS.bytes} bytes`,
    };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return { file: name, error: `cannot read: ${e instanceof Error ? e.message : String(e)}` };
  }
  const decoded = decodeSubmission(bytes);
  return 'error' in decoded
    ? { file: name, error: decoded.error }
    : { file: name, text: decoded.text, size: bytes.length };
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) return resolve(out);
        out.push(...batch);
        next();
      }, reject);
    next();
  });
}

/** The files of a drop: plain files as they are, folders walked for their *.json files. */
export async function droppedFiles(data: DataTransfer): Promise<{ file: File; name: string }[]> {
  const entries = [...data.items]
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null))
    .filter((e): e is FileSystemEntry => Boolean(e));
  if (entries.length === 0) return [...data.files].map((file) => ({ file, name: file.name }));
  const out: { file: File; name: string }[] = [];
  const walk = async (entry: FileSystemEntry, inFolder: boolean): Promise<void> => {
    if (entry.isFile) {
      if (inFolder && !entry.name.endsWith('.json')) return;
      out.push({ file: await entryFile(entry as FileSystemFileEntry), name: entry.fullPath.replace(/^\//, '') });
    } else if (entry.isDirectory) {
      for (const child of await readAll((entry as FileSystemDirectoryEntry).createReader())) await walk(child, true);
    }
  };
  for (const entry of entries) await walk(entry, false);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
