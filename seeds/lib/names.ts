/** Spanish given names and surnames common in Mexico, for generated people. */
export const FIRST_NAMES = [
  'José', 'Juan', 'Luis', 'Carlos', 'Jorge', 'Miguel', 'Alejandro', 'Fernando', 'Ricardo', 'Javier',
  'Roberto', 'Eduardo', 'Francisco', 'Antonio', 'Arturo', 'Raúl', 'Héctor', 'Sergio', 'Manuel', 'Óscar',
  'María', 'Guadalupe', 'Verónica', 'Alejandra', 'Patricia', 'Gabriela', 'Adriana', 'Leticia', 'Claudia', 'Rocío',
] as const;

export const SURNAMES = [
  'Hernández', 'García', 'Martínez', 'López', 'González', 'Pérez', 'Rodríguez', 'Sánchez', 'Ramírez', 'Cruz',
  'Flores', 'Gómez', 'Morales', 'Vázquez', 'Reyes', 'Jiménez', 'Torres', 'Díaz', 'Gutiérrez', 'Ruiz',
  'Mendoza', 'Aguilar', 'Ortiz', 'Moreno', 'Castillo', 'Romero', 'Álvarez', 'Méndez', 'Chávez', 'Rivera',
] as const;
