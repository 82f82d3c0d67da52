/** The file types the provider takes (docs/providers.md#sending-files), by MIME type. */
const SENDABLE_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
  'application/x-7z-compressed',
  'audio/ogg',
  'audio/opus',
  'audio/mpeg',
  'audio/mpeg3',
  'audio/x-mpeg-3',
  'audio/amr',
  'audio/aac',
  'audio/x-hx-aac-adts',
  'audio/amr-wb',
  'audio/amr-wb+',
  'audio/3gpp',
  'audio/3gpp2',
  'image/jpeg',
  'image/png',
  'image/webp',
  'video/mp4',
  'text/x-vcard',
]);

/** Browsers leave `File.type` empty for some of these; the extension tells then. */
const TYPE_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  '7z': 'application/x-7z-compressed',
  ogg: 'audio/ogg',
  opus: 'audio/opus',
  mp3: 'audio/mpeg',
  amr: 'audio/amr',
  aac: 'audio/aac',
  '3gp': 'audio/3gpp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  vcf: 'text/x-vcard',
};

/** The provider's largest file, 100 MB (docs/providers.md#sending-files). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** The `accept` attribute of the file picker. */
export const ACCEPT = [...SENDABLE_TYPES, ...Object.keys(TYPE_BY_EXTENSION).map((ext) => `.${ext}`)].join(
  ',',
);

export type AttachmentCheck =
  { ok: true; mimeType: string } | { ok: false; reason: 'type' | 'size' | 'empty' };

/** Whether a file can be sent, before anything is uploaded. */
export function checkAttachment(file: { name: string; type: string; size: number }): AttachmentCheck {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  const declared = file.type.toLowerCase();
  const mimeType = SENDABLE_TYPES.has(declared)
    ? declared
    : declared === '' && extension
      ? TYPE_BY_EXTENSION[extension]
      : undefined;
  if (!mimeType) return { ok: false, reason: 'type' };
  if (file.size > MAX_FILE_BYTES) return { ok: false, reason: 'size' };
  // The provider refuses an empty file; a 0-byte file is usually one that failed to save or download.
  if (file.size === 0) return { ok: false, reason: 'empty' };
  return { ok: true, mimeType };
}

/**
 * The file as it is uploaded: with the type the check found. A browser that gives a file no type
 * (`.docx` on some systems) would otherwise send it as `application/octet-stream`, which the server refuses.
 */
export function withMimeType(file: File, mimeType: string): File {
  if (file.type === mimeType) return file;
  return new File([file], file.name, { type: mimeType, lastModified: file.lastModified });
}
