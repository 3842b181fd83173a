package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32C;

/** A CUR file on the local file system; its fingerprint is its size and the CRC32C of its bytes. */
public final class LocalCurInput implements CurInput {
  private final Path file;

  public LocalCurInput(Path file) {
    this.file = file;
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public long size() {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** Size and CRC32C of the stored bytes: a cheap content identity (CRC32C runs at several GB/s). */
  @Override
  public String fingerprint() {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      CRC32C crc = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      long size = 0;
      while (ch.read(buf) >= 0) {
        buf.flip();
        size += buf.remaining();
        crc.update(buf);
        buf.clear();
      }
      return "size=" + size + ";crc32c=" + Long.toHexString(crc.getValue());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public Optional<Path> localFile() {
    return Optional.of(file);
  }

  private OffGridFlowException unreadable(IOException e) {
    if (e instanceof NoSuchFileException) {
      return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, file + ": no such file");
    }
    return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, file + ": cannot read: " + e.getMessage(), e);
  }
}
