package dev.leeway.command.cases.web;

import dev.leeway.command.web.InvalidRequestValue;
import dev.leeway.kernel.money.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

import java.math.BigDecimal;
import java.util.Currency;

public record MoneyRequest(@NotNull @PositiveOrZero BigDecimal amount,
                           @NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

    public Money toMoney(String field) {
        return InvalidRequestValue.convert(field, () -> new Money(amount, Currency.getInstance(currency)));
    }
}
