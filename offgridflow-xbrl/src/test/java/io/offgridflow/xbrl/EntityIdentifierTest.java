package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EntityIdentifierTest {
  @Property
  void anyEighteenCharactersWithTheirCheckDigitsFormAValidLei(
      @ForAll @StringLength(18) @NumericChars @CharRange(from = 'A', to = 'Z') String first18) {
    String lei = first18 + EntityIdentifier.leiCheckDigits(first18);
    assertThat(EntityIdentifier.lei(lei).value()).isEqualTo(lei);
  }

  @Property
  void changingOneCharacterBreaksTheCheck(
      @ForAll @StringLength(18) @NumericChars @CharRange(from = 'A', to = 'Z') String first18) {
    String lei = first18 + EntityIdentifier.leiCheckDigits(first18);
    // MOD 97-10 catches any substitution of a digit by a digit or a letter by a letter: the value
    // changes by (new - old) * 10^k with |new - old| < 97, never a multiple of the prime 97.
    char c = lei.charAt(5);
    char other = Character.isDigit(c) ? (c == '7' ? '8' : '7') : (c == 'Q' ? 'R' : 'Q');
    String typo = lei.substring(0, 5) + other + lei.substring(6);
    assertThatThrownBy(() -> EntityIdentifier.lei(typo))
        .isInstanceOfSatisfying(XbrlException.class,
            e -> assertThat(e.code()).isEqualTo(XbrlErrorCode.INVALID_ENTITY_IDENTIFIER))
        .hasMessageContaining(typo).hasMessageContaining("check digits");
  }

  @Test
  void malformedLeisNameTheValue() {
    assertThatThrownBy(() -> EntityIdentifier.lei("ACME")).hasMessageContaining("'ACME'").hasMessageContaining("20");
    assertThatThrownBy(() -> EntityIdentifier.of("not a uri", "x")).hasMessageContaining("not a uri");
  }

  @Test
  void otherSchemesAreAcceptedAsGiven() {
    EntityIdentifier id = EntityIdentifier.of("http://www.example.com/ids", "ACME-1");
    assertThat(id.isLei()).isFalse();
  }
}
