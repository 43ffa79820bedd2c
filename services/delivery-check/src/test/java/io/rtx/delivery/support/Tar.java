package io.rtx.delivery.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A small reader for the tar files Jib writes (ustar entries, PAX and GNU long-name headers), so image tars and
 * their layers can be listed and unpacked without a Docker daemon or an archive library.
 */
public final class Tar {

  /** One member: its path (no leading "/" or "./"), type flag, permission bits, size and link target. */
  public record Entry(String name, char type, int mode, long size, String linkName) {
    public boolean isDirectory() {
      return type == '5';
    }

    public boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }
  }

  /** Called for each member; read the member's content from {@code content} (or leave it unread). */
  @FunctionalInterface
  public interface Visitor {
    void visit(Entry entry, InputStream content) throws IOException;
  }

  private Tar() {}

  public static void read(InputStream in, Visitor visitor) throws IOException {
    byte[] header = new byte[512];
    Map<String, String> pax = new HashMap<>();
    String longName = null;
    while (readBlock(in, header)) {
      if (isZero(header)) {
        return;
      }
      char type = (char) header[156];
      long size = number(header, 124, 12);
      if (type == 'x' || type == 'g' || type == 'L') {
        byte[] data = in.readNBytes((int) size);
        skipBytes(in, padding(size));
        if (type == 'x') {
          pax.putAll(parsePax(data));
        } else if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        }
        continue;
      }
      String name = string(header, 0, 100);
      String prefix = string(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      if (longName != null) {
        name = longName;
      }
      name = pax.getOrDefault("path", name);
      String link = pax.getOrDefault("linkpath", string(header, 157, 100));
      if (pax.containsKey("size")) {
        size = Long.parseLong(pax.get("size"));
      }
      pax.clear();
      longName = null;
      name = name.replaceFirst("^\\./", "").replaceFirst("^/", "");
      if (name.endsWith("/")) {
        name = name.substring(0, name.length() - 1);
      }
      Entry entry = new Entry(name, type, (int) number(header, 100, 8) & 07777, size, link);
      Bounded content = new Bounded(in, size);
      visitor.visit(entry, content);
      content.skipRest();
      skipBytes(in, padding(size));
    }
  }

  /** Unpacks one layer over {@code root}: files with their permission bits, directories, links. */
  public static void extract(InputStream layer, Path root) throws IOException {
    read(layer, (entry, content) -> {
      if (entry.name().isEmpty()) {
        return;
      }
      Path target = root.resolve(entry.name()).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("entry outside the root: " + entry.name());
      }
      switch (entry.type()) {
        case '5' -> Files.createDirectories(target);
        case '2' -> {
          Files.createDirectories(target.getParent());
          Files.deleteIfExists(target);
          Files.createSymbolicLink(target, Path.of(entry.linkName()));
          return;
        }
        case '1' -> {
          Files.createDirectories(target.getParent());
          Files.copy(root.resolve(entry.linkName()), target);
        }
        default -> {
          if (!entry.isFile()) {
            return;
          }
          Files.createDirectories(target.getParent());
          try (OutputStream out = Files.newOutputStream(target)) {
            content.transferTo(out);
          }
        }
      }
      Files.setPosixFilePermissions(target, permissions(entry.mode()));
    });
  }

  public static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] bits = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int i = 0; i < bits.length; i++) {
      if ((mode & (1 << i)) != 0) {
        set.add(bits[i]);
      }
    }
    return set;
  }

  public static boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  private static Map<String, String> parsePax(byte[] bytes) {
    Map<String, String> map = new HashMap<>();
    int pos = 0;
    while (pos < bytes.length) {
      int space = pos;
      while (space < bytes.length && bytes[space] != ' ') {
        space++;
      }
      if (space >= bytes.length) {
        break;
      }
      int length = Integer.parseInt(new String(bytes, pos, space - pos, StandardCharsets.UTF_8).trim());
      String record = new String(bytes, space + 1, length - (space - pos) - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      map.put(record.substring(0, eq), record.substring(eq + 1));
      pos += length;
    }
    return map;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, block.length);
    if (n == 0) {
      return false;
    }
    if (n < block.length) {
      throw new IOException("truncated tar header");
    }
    return true;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String string(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long number(byte[] header, int offset, int length) {
    if ((header[offset] & 0x80) != 0) {
      long value = 0;
      for (int i = offset + 1; i < offset + length; i++) {
        value = (value << 8) | (header[i] & 0xff);
      }
      return value;
    }
    String text = string(header, offset, length).trim();
    return text.isEmpty() ? 0 : Long.parseLong(text, 8);
  }

  private static long padding(long size) {
    return (512 - size % 512) % 512;
  }

  /** Reads rather than skips, so a digesting stream underneath sees every byte. */
  private static void skipBytes(InputStream in, long n) throws IOException {
    byte[] buffer = new byte[8192];
    while (n > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
      if (read < 0) {
        throw new IOException("truncated tar member");
      }
      n -= read;
    }
  }

  /** The content of one member: reads stop at its end, and the rest is skipped before the next header. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The archive stream stays open for the next member.
    }

    void skipRest() throws IOException {
      skipBytes(in, remaining);
      remaining = 0;
    }
  }
}
