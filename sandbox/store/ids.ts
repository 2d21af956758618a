/**
 * Record ids: 19-digit numeric strings like Zoho's (`4876876000001000001`), an org prefix and a counter. Ids only
 * grow, so id order is creation order and, with a fixed width, string order is numeric order.
 */

const PREFIX = '4876876';
const WIDTH = 12;
const FIRST_RECORD_COUNTER = 1_000_000;

export class IdSequence {
  constructor(private counter = FIRST_RECORD_COUNTER) {}

  next(): string {
    this.counter += 1;
    return PREFIX + String(this.counter).padStart(WIDTH, '0');
  }

  get value(): number {
    return this.counter;
  }
}
