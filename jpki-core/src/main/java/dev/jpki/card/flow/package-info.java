// SPDX-License-Identifier: Apache-2.0
/**
 * The card halves of the Digital Agency FAQ flows (docs/faq-flows.md): each collector reads what a
 * flow needs from the card, has the card sign the verifier's fresh challenge, and returns everything as
 * one {@link dev.jpki.card.flow.Evidence} value that travels to the verifier as bytes ({@link
 * dev.jpki.card.flow.Evidence#toBytes()}). The collectors decide nothing: the verifier half in
 * jpki-verify ({@code dev.jpki.verify.flow}) checks the evidence against the challenge it issued and
 * never trusts the reader side.
 *
 * <ul>
 *   <li>{@link dev.jpki.card.flow.AgeCheck}: age by the signature certificate, the card face (照合番号B),
 *       the card face via OCR-read fields, or the date-of-birth key;
 *   <li>{@link dev.jpki.card.flow.FaceToFaceCheck}: registration with the authentication PIN, then
 *       PIN-less face-to-face confirmation on later visits.
 * </ul>
 */
@NullMarked
package dev.jpki.card.flow;

import org.jspecify.annotations.NullMarked;
