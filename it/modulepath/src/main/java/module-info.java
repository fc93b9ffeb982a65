// SPDX-License-Identifier: Apache-2.0
/** A named module using jpki-java on the module path. */
module consumer.modulepath {
  requires dev.jpki.core;
  requires dev.jpki.pcsc;
  requires dev.jpki.verify;
  requires dev.jpki.testkit;
  requires dev.jpki.testkit.verify;
}
