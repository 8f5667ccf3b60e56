import crypto from 'node:crypto';

/**
 * A failure answered in the vendor's documented form: one bare `{ errorCode, id, message, status }`
 * object, no envelope, no `field`. `errorCode` starts with the status, as the vendor's codes do.
 */
export class VendorError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 500,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  get body() {
    return { errorCode: `${this.status}-${this.code}`, id: crypto.randomBytes(4).toString('hex').slice(0, 5), message: this.message, status: this.status };
  }
}

export const badRequest = (code: string, message: string) => new VendorError(400, code, message);
