/**
 * Slots: named places in the stack that modules fill.
 *
 * <p>A {@link dev.culvert.core.slot.Slot} holds every implementation of one SPI type that is
 * installed, ordered by ranking, and names the one in use. Replacing it is atomic between
 * batches: a batch {@linkplain dev.culvert.core.slot.Slot#enter() enters} the slot once, finishes
 * on what it got, and an implementation being removed is only let go once the batches that were
 * using it have left. The {@link dev.culvert.core.slot.SlotRegistry} maps slot names to slots; the
 * same registry is filled by OSGi Declarative Services, by {@link java.util.ServiceLoader} or by
 * hand, so embedded stacks and OSGi nodes share one code path.
 *
 * <p>May depend on: none
 */
package dev.culvert.core.slot;
