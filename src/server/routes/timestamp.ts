import { z } from 'zod';
import { isoTimestamp } from '../../text/iso-timestamp.js';

/**
 * A point in time in a response: a Date in the handler, ISO 8601 text in the JSON (the OpenAPI document says string,
 * date-time, as for a plain z.date()). The codec writes the text with `isoTimestamp`, the same as Date#toJSON but
 * five times faster: on a list page of users it halved the time spent turning the page into JSON.
 */
export const timestamp = z.codec(z.string(), z.date(), { decode: (text) => new Date(text), encode: isoTimestamp });
