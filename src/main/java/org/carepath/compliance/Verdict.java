package org.carepath.compliance;

/** May the message go: the contract's {@code outcome}. The strongest wins: BLOCK over REVIEW over SEND. */
public enum Verdict { SEND, BLOCK, REVIEW }
