import { Writable } from 'node:stream';

/** A stream that keeps what is written to it, to read back what a user would have seen. */
export class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}
