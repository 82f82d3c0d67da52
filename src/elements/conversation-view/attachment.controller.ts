import type { ReactiveControllerHost } from 'lit';
import type { Strings } from '../../i18n/en.js';
import { createOwnBlobUrl, revokeOwnBlobUrl } from '../../internal/safe-url.js';
import { checkAttachment, withMimeType } from './attachments.js';

export interface PendingAttachment {
  file: File;
  mimeType: string;
  previewUrl?: string;
}

export interface AttachmentOptions {
  strings(): Strings;
  /** Why nothing can be sent now, or `undefined`. */
  blockedReason(): string | undefined;
  /** Whether a message on its way out still shows this preview URL. */
  previewInUse(url: string): boolean;
  /** A file was attached: the composer takes it, with the reply if any, and the focus comes. */
  onAttached(): void;
}

/**
 * The file the composer will send: picked, pasted or dropped, checked before anything is uploaded,
 * with an image preview and the reason a file was refused.
 */
export class AttachmentController {
  attachment: PendingAttachment | null = null;
  /** Why the last file was refused, or that only the first of several was taken. */
  error = '';
  dragging = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: AttachmentOptions,
  ) {}

  attach(file: File | undefined): void {
    if (!file) return;
    const s = this.options.strings();
    const check = checkAttachment(file);
    if (!check.ok) {
      this.error =
        check.reason === 'size'
          ? s.composerFileTooLarge(file.name)
          : check.reason === 'empty'
            ? s.composerFileEmpty(file.name)
            : s.composerFileType(file.name);
      this.host.requestUpdate();
      return;
    }
    this.clear();
    this.error = '';
    this.attachment = {
      file: withMimeType(file, check.mimeType),
      mimeType: check.mimeType,
      ...(check.mimeType.startsWith('image/') ? { previewUrl: createOwnBlobUrl(file) } : {}),
    };
    this.host.requestUpdate();
    this.options.onAttached();
  }

  /** Removes the attachment; its preview URL goes unless an unsent message shows it. */
  clear(): void {
    const previewUrl = this.attachment?.previewUrl;
    if (previewUrl && !this.options.previewInUse(previewUrl)) revokeOwnBlobUrl(previewUrl);
    this.attachment = null;
    this.host.requestUpdate();
  }

  /** Hands the attachment over to be sent: the composer is empty of it afterwards. */
  take(): PendingAttachment | null {
    const attachment = this.attachment;
    this.attachment = null;
    this.error = '';
    this.host.requestUpdate();
    return attachment;
  }

  handleChange = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    this.attach(input.files?.[0]);
    input.value = '';
  };

  handlePaste = (event: ClipboardEvent): void => {
    const files = event.clipboardData?.files;
    if (!files?.length) return;
    event.preventDefault();
    this.attachFirstOf(files);
  };

  handleDragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes('Files')) return;
    // Taken even when sending is blocked: a file dropped anywhere else would open in the tab.
    event.preventDefault();
    if (this.options.blockedReason()) {
      event.dataTransfer.dropEffect = 'none';
      return;
    }
    this.setDragging(true);
  };

  handleDragLeave = (): void => {
    this.setDragging(false);
  };

  handleDrop = (event: DragEvent): void => {
    this.setDragging(false);
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    event.preventDefault();
    if (!this.options.blockedReason()) this.attachFirstOf(files);
  };

  /** A message carries one file: the first is attached, and the user is told the rest were left. */
  private attachFirstOf(files: FileList): void {
    this.attach(files[0]);
    if (files.length > 1 && this.attachment) {
      this.error = this.options.strings().composerOneFile(files[0].name);
      this.host.requestUpdate();
    }
  }

  private setDragging(dragging: boolean): void {
    if (this.dragging === dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }
}
