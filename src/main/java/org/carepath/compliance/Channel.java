package org.carepath.compliance;

/** How the communication reaches the patient. {@code FACE_TO_FACE} exists for what-if decisions only. */
public enum Channel { EMAIL, FACE_TO_FACE }
