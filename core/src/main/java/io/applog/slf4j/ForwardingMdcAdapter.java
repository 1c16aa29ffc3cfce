package io.applog.slf4j;

import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

import java.util.Deque;
import java.util.Map;

/**
 * The MDC of the provider {@link ApplogServiceProvider} hands everything to, asked for on every
 * call: SLF4J may take the provider's MDC adapter while that provider is still initialising,
 * before its own adapter exists.
 */
final class ForwardingMdcAdapter implements MDCAdapter {
    private final SLF4JServiceProvider target;

    ForwardingMdcAdapter(SLF4JServiceProvider target) {
        this.target = target;
    }

    private MDCAdapter mdc() {
        return target.getMDCAdapter();
    }

    @Override
    public void put(String key, String val) {
        mdc().put(key, val);
    }

    @Override
    public String get(String key) {
        return mdc().get(key);
    }

    @Override
    public void remove(String key) {
        mdc().remove(key);
    }

    @Override
    public void clear() {
        mdc().clear();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return mdc().getCopyOfContextMap();
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        mdc().setContextMap(contextMap);
    }

    @Override
    public void pushByKey(String key, String value) {
        mdc().pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return mdc().popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return mdc().getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        mdc().clearDequeByKey(key);
    }
}
