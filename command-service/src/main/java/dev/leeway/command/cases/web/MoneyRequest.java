package dev.leeway.command.cases.web;

import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.money.Money;
import dev.leeway.command.web.MoneyBounds;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.util.Currency;

public record MoneyRequest(@Schema(description = MoneyBounds.DESCRIPTION)
                           @NotNull @DecimalMin("0") @DecimalMax(Money.MAX_AMOUNT)
                           @Digits(integer = MoneyBounds.INTEGER_DIGITS, fraction = MoneyBounds.FRACTION_DIGITS)
                           BigDecimal amount,
                           @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

    public Money toMoney(String field) {
        return InvalidRequestValue.convert(field, () -> new Money(amount, Currency.getInstance(currency)));
    }
}
