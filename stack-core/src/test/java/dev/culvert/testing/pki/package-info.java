/**
 * The test PKI every module's tests share (stack-core's test-jar): a CA and leaves made in the
 * test with bcpkix, so no committed date can expire. Test code only.
 */
package dev.culvert.testing.pki;
