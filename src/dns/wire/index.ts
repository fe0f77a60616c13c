/** The DNS wire layer: defensive query decoding, response encoding with compression. */
export * from './constants.js';
export { WireFormatError, EncodeError, type FormatReason } from './errors.js';
export { readName, type DecodedName } from './name-read.js';
export { parseNameText, type ParsedName } from './name-text.js';
export { decodeQuery, type DecodeOutcome, type DecodedQuestion, type QueryHeader } from './query-decode.js';
export { encodeQuery, type QuerySpec } from './query-encode.js';
export { encodeResponse, type ResponseEdns, type ResponseSpec } from './response-encode.js';
export { decodeMessage, type DecodedMessage, type MessageEdns } from './message-decode.js';
export { readOptions, type EdnsOption, type QueryEdns } from './edns.js';
export { ExtendedErrorCode, extendedError } from './extended-error.js';
export { rcodeName, qtypeName, isNamedQtype, className } from './mnemonics.js';
export { parseClientSubnet, clientSubnetReply, type ReceivedClientSubnet } from './client-subnet.js';
