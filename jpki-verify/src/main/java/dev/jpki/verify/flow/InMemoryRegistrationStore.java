// SPDX-License-Identifier: Apache-2.0
package dev.jpki.verify.flow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link RegistrationStore#inMemory()}: a concurrent map keyed by the hex card key digest. */
final class InMemoryRegistrationStore implements RegistrationStore {
  private final Map<String, Registration> byCardKey = new ConcurrentHashMap<>();

  @Override
  public void save(Registration registration) {
    byCardKey.put(key(registration.cardKeyDigest()), registration);
  }

  @Override
  public Optional<Registration> findByCardKey(byte[] cardKeyDigest) {
    return Optional.ofNullable(byCardKey.get(key(cardKeyDigest)));
  }

  @Override
  public List<Registration> findByAccount(String accountId) {
    List<Registration> out = new ArrayList<>();
    for (Registration r : byCardKey.values()) {
      if (r.accountId().equals(accountId)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(Registration::registeredAt));
    return out;
  }

  @Override
  public boolean remove(byte[] cardKeyDigest) {
    return byCardKey.remove(key(cardKeyDigest)) != null;
  }

  private static String key(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
