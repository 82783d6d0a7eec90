package io.hostapp.delta.encoder;

import io.hostapp.delta.OperationHeader;

/** An operation ready to write: its header and data, plus the reference size it needs. */
record EncodedOp(OperationHeader header, byte[] data, long referenceBytes, int windowLog) {
}
